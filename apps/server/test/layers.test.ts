import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering the README describes, checked on the import graph of apps/server/src:
 * routes → services → repositories → db, with jobs/, formats/ and lib/ below the services.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[3]!;
    const to = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : spec;
    found.push({ from: relative(SRC, file), to, typeOnly: Boolean(match[2]) });
  }
  return found;
}

const layerOf = (path: string) => path.split('/')[0]!;

/** What each layer must not import: a folder of src/, or a package. */
const FORBIDDEN: Record<string, { folders: string[]; packages: RegExp[]; valueFolders?: string[] }> = {
  routes: { folders: ['db', 'repositories', 'jobs'], packages: [/^drizzle-orm/, /^pg$/] },
  services: { folders: ['routes', 'plugins', 'pages'], valueFolders: ['db'], packages: [/^drizzle-orm/, /^pg$/] },
  repositories: { folders: ['services', 'routes', 'plugins', 'pages', 'jobs', 'ai'], packages: [] },
  jobs: { folders: ['services', 'routes', 'plugins', 'pages'], packages: [] },
  ai: { folders: ['services', 'routes', 'plugins', 'pages', 'jobs'], packages: [] },
  db: { folders: ['services', 'routes', 'plugins', 'pages', 'jobs', 'repositories', 'ai'], packages: [] },
  lib: { folders: ['services', 'routes', 'plugins', 'pages', 'jobs', 'repositories', 'db', 'ai'], packages: [] },
  // Résumé formats (JSON Resume, LinkedIn archives, the PDF): pure conversions of the contracts' shapes.
  formats: {
    folders: ['services', 'routes', 'plugins', 'pages', 'jobs', 'repositories', 'db', 'ai'],
    packages: [/^drizzle-orm/, /^pg$/],
  },
};

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const edge of importsOf(file)) {
      const rule = FORBIDDEN[layerOf(edge.from)];
      if (!rule) continue;
      const target = layerOf(edge.to);
      const isLocal =
        !edge.to.startsWith('@') && edge.to.includes('/') && !edge.to.startsWith('node:') && edge.to.endsWith('.ts');
      const bad = isLocal
        ? rule.folders.includes(target) ||
          (!edge.typeOnly && rule.valueFolders?.includes(target)) ||
          (edge.to.startsWith('db/schema') && layerOf(edge.from) === 'services')
        : rule.packages.some((pattern) => pattern.test(edge.to));
      if (bad) found.push(`${edge.from} → ${edge.to}`);
    }
  }
  return found.sort();
}

describe('layers', () => {
  it('no layer imports one it must not (routes → services → repositories → db)', () => {
    expect(violations()).toEqual([]);
  });

  it('the check sees the imports it judges', () => {
    // A guard against a check that passes because it parses nothing.
    const edges = sourceFiles(SRC).flatMap(importsOf);
    expect(edges.length).toBeGreaterThan(300);
    expect(edges).toContainEqual({ from: 'routes/item-routes.ts', to: 'lib/actor.ts', typeOnly: true });
  });
});

import { api, call } from './api/client.js';

/**
 * Bringing a résumé in: first a preview (nothing written), then the import with the profile
 * fields the person chose to take, then, for 30 days, an undo of the whole import.
 *
 * The shapes are the contract's `ImportPreview` and `ImportDone`
 * (packages/contracts/src/career.ts). The preview and confirm routes take a JSON Resume as JSON
 * and a LinkedIn archive as the zip itself, so they are called with `fetch` here.
 */
export interface ImportPreview {
  adds: Record<string, number>;
  changes: { field: string; mine: unknown; theirs: unknown }[];
  unknown: string[];
}

export interface ImportDone {
  importId: string;
  counts: Record<string, number>;
  undoUntil: string;
}

/** A JSON Resume as read from its file, or a LinkedIn data archive as chosen. */
export type ResumeSource = { kind: 'json-resume'; text: string } | { kind: 'linkedin'; file: Blob };

async function post<T>(path: string, body: BodyInit, contentType: string) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': contentType, accept: 'application/json, application/problem+json' },
    body,
  });
  const parsed: unknown = await response.json().catch(() => undefined);
  return response.ok ? { data: parsed as T, response } : { error: parsed, response };
}

/** The request for a source: the résumé's own text inside `{resume, …}`, or the zip as it is. */
function send<T>(source: ResumeSource, route: 'preview' | 'confirm', take: string[] = []): Promise<T> {
  const suffix = route === 'preview' ? '/preview' : '';
  if (source.kind === 'linkedin') {
    const query = route === 'confirm' && take.length ? `?take=${encodeURIComponent(take.join(','))}` : '';
    return call(post<T>(`/api/v1/import/linkedin${suffix}${query}`, source.file, 'application/zip'));
  }
  // The file's text goes in as it was read: no need to parse and write it out again.
  const extra = route === 'confirm' ? `,"take":${JSON.stringify(take)}` : '';
  return call(post<T>(`/api/v1/import/json-resume${suffix}`, `{"resume":${source.text}${extra}}`, 'application/json'));
}

export const previewImport = (source: ResumeSource) => send<ImportPreview>(source, 'preview');

export const confirmImport = (source: ResumeSource, take: string[]) => send<ImportDone>(source, 'confirm', take);

export async function undoImport(importId: string): Promise<void> {
  await call(api.POST('/api/v1/imports/{id}/undo', { params: { path: { id: importId } } }));
}

// --- the last import, remembered on this device so its undo outlives a reload -------------------

const LAST_KEY = 'import.last';

export interface LastImport extends ImportDone {
  userId: string;
  total: number;
}

export function rememberImport(userId: string, done: ImportDone): LastImport {
  const last = { ...done, userId, total: Object.values(done.counts).reduce((sum, n) => sum + n, 0) };
  try {
    localStorage.setItem(LAST_KEY, JSON.stringify(last));
  } catch {
    // Kept on screen only.
  }
  return last;
}

export function forgetImport() {
  try {
    localStorage.removeItem(LAST_KEY);
  } catch {
    // Nothing kept.
  }
}

/** The last import of this user that can still be undone, if this device remembers one. */
export function lastImport(userId: string, now = Date.now()): LastImport | null {
  try {
    const last = JSON.parse(localStorage.getItem(LAST_KEY) ?? 'null') as LastImport | null;
    return last && last.userId === userId && Date.parse(last.undoUntil) > now ? last : null;
  } catch {
    return null;
  }
}

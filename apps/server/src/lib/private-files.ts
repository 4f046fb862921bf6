import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes a data folder private to the server's user: the folder and every folder in it 0700, every
 * file 0600. It holds the embedded database (password hashes, sealed keys, the WAL) and the app
 * secret, so nobody else on the machine may read or write any of it. Returns how many entries
 * were looser and were tightened, for the log.
 */
export function makePrivate(dir: string): number {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return tighten(dir);
}

function tighten(path: string): number {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return 0;
  let changed = 0;
  const wanted = stat.isDirectory() ? 0o700 : 0o600;
  if ((stat.mode & 0o777) !== wanted) {
    chmodSync(path, wanted);
    changed++;
  }
  if (stat.isDirectory()) for (const name of readdirSync(path)) changed += tighten(join(path, name));
  return changed;
}

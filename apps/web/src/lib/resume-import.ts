import { api, call, type Schemas } from './api/client.js';

/**
 * Bringing a résumé in: first a preview (nothing written), then the import with the profile
 * fields the person chose to take, then, for 30 days, an undo of the whole import.
 */
export type ImportPreview = Schemas['ImportPreview'];
export type ImportDone = Schemas['ImportDone'];
export type ProfileField = NonNullable<Schemas['JsonResumeImportRequest']['take']>[number];

/** A JSON Resume as read from its file, or a LinkedIn data archive as chosen. */
export type ResumeSource =
  { kind: 'json-resume'; resume: Record<string, unknown>; text: string } | { kind: 'linkedin'; file: Blob };

// A résumé goes as the file's own text inside `{resume, …}`, not parsed and written out again;
// an archive goes as the zip itself.
const resumeBody = (text: string, take?: ProfileField[]) => () =>
  `{"resume":${text}${take ? `,"take":${JSON.stringify(take)}` : ''}}`;
const zip = { headers: { 'content-type': 'application/zip' }, bodySerializer: (file: unknown) => file as Blob };

export function previewImport(source: ResumeSource): Promise<ImportPreview> {
  if (source.kind === 'linkedin') {
    return call(api.POST('/api/v1/import/linkedin/preview', { body: source.file as never, ...zip }));
  }
  const body = { resume: source.resume };
  return call(api.POST('/api/v1/import/json-resume/preview', { body, bodySerializer: resumeBody(source.text) }));
}

export function confirmImport(source: ResumeSource, take: ProfileField[]): Promise<ImportDone> {
  if (source.kind === 'linkedin') {
    const query = take.length ? { take: take.join(',') } : {};
    return call(api.POST('/api/v1/import/linkedin', { params: { query }, body: source.file as never, ...zip }));
  }
  const body = { resume: source.resume, take };
  return call(api.POST('/api/v1/import/json-resume', { body, bodySerializer: resumeBody(source.text, take) }));
}

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

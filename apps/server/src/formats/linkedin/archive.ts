import { parse } from 'csv-parse/sync';
import { unzipSync, type UnzipFileInfo } from 'fflate';

/** Something in the archive that could not be read as it was, named by where it is. */
export interface ImportProblem {
  path: string;
  message: string;
}

/**
 * What one archive may cost to read. Only the files this import knows are decompressed (a full
 * export also holds messages, connections, ads data, … which are listed, never inflated), so
 * these bound the work whatever else the archive holds.
 */
export const LINKEDIN_ARCHIVE_LIMITS = {
  /** Entries in the archive's directory, files and folders. */
  maxEntries: 2000,
  /** Uncompressed bytes of any one file read. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Uncompressed bytes of all files read together. */
  maxTotalBytes: 20 * 1024 * 1024,
};

export interface ArchiveEntry {
  /** The name as the archive gives it, folders included. */
  path: string;
  /** The file's own name, folders dropped. */
  basename: string;
  info: UnzipFileInfo;
  /** Position in the archive's directory; tells apart two entries of the same name. */
  index: number;
}

class TooManyEntries extends Error {}

/** The archive's directory, read without inflating anything; null when it is not a zip. */
export function listEntries(zip: Uint8Array, problems: ImportProblem[]): ArchiveEntry[] | null {
  const entries: ArchiveEntry[] = [];
  const notZip = () =>
    problems.push({ path: '', message: 'Not a zip archive (or a damaged one): expected the zip LinkedIn’s data export sends' });
  // The smallest zip is its 22-byte end record.
  if (zip.length < 22) {
    notZip();
    return null;
  }
  try {
    unzipSync(zip, {
      filter(info) {
        if (entries.length >= LINKEDIN_ARCHIVE_LIMITS.maxEntries) throw new TooManyEntries();
        const path = info.name;
        entries.push({ path, basename: path.split(/[/\\]/).pop() ?? path, info, index: entries.length });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof TooManyEntries) {
      problems.push({
        path: '',
        message: `The archive holds more than ${LINKEDIN_ARCHIVE_LIMITS.maxEntries} entries; only the first ${LINKEDIN_ARCHIVE_LIMITS.maxEntries} were looked at`,
      });
      return entries;
    }
    notZip();
    return null;
  }
  return entries;
}

/** Names a zip may hold but a safe one never does: absolute, climbing out, drive letters, control characters. */
export function isUnsafeName(path: string): boolean {
  return (
    path.startsWith('/') ||
    path.startsWith('\\') ||
    /^[A-Za-z]:/.test(path) ||
    path.split(/[/\\]/).some((part) => part === '..') ||
    /\p{Cc}/u.test(path)
  );
}

export const isFolder = (entry: ArchiveEntry) => entry.path.endsWith('/') || entry.path.endsWith('\\');

/** Running total of what was inflated, so the archive as a whole stays within its limit. */
export interface ReadBudget {
  bytesLeft: number;
}

/** One file's bytes, or null (with the reason in `problems`) when it is too large or unreadable. */
export function readEntry(
  zip: Uint8Array,
  entry: ArchiveEntry,
  budget: ReadBudget,
  problems: ImportProblem[],
): Uint8Array | null {
  const { originalSize, compression } = entry.info;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  if (compression !== 0 && compression !== 8) {
    problems.push({ path: entry.path, message: `Left out: compressed with a method zip readers rarely know (${compression})` });
    return null;
  }
  if (originalSize > LINKEDIN_ARCHIVE_LIMITS.maxFileBytes) {
    problems.push({
      path: entry.path,
      message: `Left out: ${mb(originalSize)} unpacked, more than ${mb(LINKEDIN_ARCHIVE_LIMITS.maxFileBytes)}`,
    });
    return null;
  }
  if (originalSize > budget.bytesLeft) {
    problems.push({
      path: entry.path,
      message: `Left out: the files read would unpack to more than ${mb(LINKEDIN_ARCHIVE_LIMITS.maxTotalBytes)}`,
    });
    return null;
  }
  budget.bytesLeft -= originalSize;
  try {
    // The directory is walked again and only this entry inflated. Its output buffer is the size
    // the directory declares, so an entry that lies about its size is cut there, never grown.
    let index = 0;
    const files = unzipSync(zip, { filter: () => index++ === entry.index });
    return files[entry.path] ?? null;
  } catch {
    problems.push({ path: entry.path, message: 'Left out: the file is damaged and could not be unpacked' });
    return null;
  }
}

/** The text of a CSV file: UTF-8 with or without a byte-order mark, or UTF-16 when marked so. */
export function decodeText(bytes: Uint8Array, path: string, problems: ImportProblem[]): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      problems.push({ path, message: 'Not valid UTF-8: characters that could not be read were replaced with �' });
      text = new TextDecoder('utf-8').decode(bytes);
    }
  }
  if (text.includes('\u0000')) {
    // The database cannot store NUL; it never belongs in a résumé's text.
    problems.push({ path, message: 'NUL characters were removed' });
    text = text.replaceAll('\u0000', '');
  }
  return text;
}

/** A CSV file's rows, keyed by its header as written (trimmed). */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Rows of a LinkedIn CSV file. Some files open with a preamble ("Notes:", a quoted note, a blank
 * line) before the header; it is skipped. Quoted fields may hold commas, quotes and line breaks.
 */
export function readCsv(text: string, path: string, problems: ImportProblem[]): CsvTable | null {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ path, message: `Not readable as CSV: ${reason}` });
    return null;
  }
  const blank = (record: string[]) => record.every((cell) => cell.trim() === '');
  let start = 0;
  if (/^notes:?$/i.test(records[0]?.[0]?.trim() ?? '')) {
    const end = records.findIndex((record, i) => i > 0 && blank(record));
    start = end === -1 ? records.length : end + 1;
  }
  const body = records.slice(start).filter((record) => !blank(record));
  const header = body[0]?.map((cell) => cell.trim());
  if (!header) {
    problems.push({ path, message: 'Empty: no header row' });
    return null;
  }
  return { header, rows: body.slice(1) };
}

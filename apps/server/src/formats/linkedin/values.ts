import { partialDatePrecision } from '@career-anchor/contracts';

/** How LinkedIn's export writes the values this import reads: dates, names, lists of links. */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "Jan", "January", "Sept." → 1..12, or null. */
function monthOf(word: string): number | null {
  const key = word.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((name) => key === name || key === name.slice(0, 3) || (key === 'sept' && name === 'september'));
  return index === -1 ? null : index + 1;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Words LinkedIn (and people) write for "still going" where an end date would be. */
const PRESENT = /^(present|current|now|ongoing|至今|现在|目前|迄今|今)$/i;

export type ParsedDate = { kind: 'none' } | { kind: 'present' } | { kind: 'date'; value: string } | { kind: 'invalid' };

/**
 * A LinkedIn date at the precision it was written: "2019" → 2019, "Jan 2020" → 2020-01,
 * "Jan 30, 2020" → 2020-01-30, "2020年1月" → 2020-01. Never padded to a finer precision.
 */
export function parseLinkedInDate(raw: string): ParsedDate {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'none' };
  if (PRESENT.test(text)) return { kind: 'present' };
  const value = partialDateOf(text);
  return value !== null && partialDatePrecision(value) !== null ? { kind: 'date', value } : { kind: 'invalid' };
}

function partialDateOf(text: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(text))) return m[1]!;
  // "Jan 2020", "January 2020"
  if ((m = /^([A-Za-z]+\.?) (\d{4})$/.exec(text))) return month(m[2]!, monthOf(m[1]!));
  // "Jan 30, 2020" (publications), "30 Jan 2020"
  if ((m = /^([A-Za-z]+\.?) (\d{1,2}),? (\d{4})$/.exec(text))) return day(m[3]!, monthOf(m[1]!), m[2]!);
  if ((m = /^(\d{1,2}) ([A-Za-z]+\.?),? (\d{4})$/.exec(text))) return day(m[3]!, monthOf(m[2]!), m[1]!);
  // "2020-01", "2020-01-30", "2020/1"
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(text))) {
    return m[3] === undefined ? month(m[1]!, Number(m[2])) : day(m[1]!, Number(m[2]), m[3]);
  }
  // "1/2020"
  if ((m = /^(\d{1,2})\/(\d{4})$/.exec(text))) return month(m[2]!, Number(m[1]));
  // "2020年", "2020年1月", "2020年1月30日"
  if ((m = /^(\d{4}) ?年(?: ?(\d{1,2}) ?月(?: ?(\d{1,2}) ?日)?)?$/.exec(text))) {
    if (m[2] === undefined) return m[1]!;
    return m[3] === undefined ? month(m[1]!, Number(m[2])) : day(m[1]!, Number(m[2]), m[3]);
  }
  return null;
}

function month(year: string, m: number | null): string | null {
  return m === null || m < 1 || m > 12 ? null : `${year}-${two(m)}`;
}

function day(year: string, m: number | null, d: string): string | null {
  const ym = month(year, m);
  return ym === null ? null : `${ym}-${two(Number(d))}`;
}

/** Han, kana and Hangul: scripts whose names are written family name first, without a space. */
const EAST_ASIAN_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}·・]+$/u;

/**
 * A person's full name from LinkedIn's first and last name: "Ada Lovelace", but "李明" for
 * 明 + 李, the order and spacing those names are written in.
 */
export function personName(first: string, last: string): string {
  if (first && last && EAST_ASIAN_NAME.test(first) && EAST_ASIAN_NAME.test(last)) return `${last}${first}`;
  return [first, last].filter(Boolean).join(' ');
}

/** LinkedIn writes lists in one cell as "[a,b]" (Websites, Twitter Handles): the items, unbracketed. */
export function bracketedList(cell: string, separator: RegExp = /,/): string[] {
  const inner = cell.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Profile.csv's Websites: "[PERSONAL:https://a.example,COMPANY:https://b.example]" → links labelled
 * "Personal", "Company". A URL with no type keeps the label "Website".
 */
export function websiteLinks(cell: string): { label: string; url: string }[] {
  // Split before each "TYPE:" or bare URL, not at commas inside a URL.
  return bracketedList(cell, /,(?=\s*(?:[A-Z][A-Z_ ]*:(?!\/\/)|https?:\/\/))/).map((item) => {
    const typed = /^([A-Z][A-Z_ ]*):(?!\/\/)(.+)$/.exec(item);
    if (!typed) return { label: 'Website', url: item };
    const kind = typed[1]!.trim().replace(/_/g, ' ').toLowerCase();
    return { label: kind.charAt(0).toUpperCase() + kind.slice(1), url: typed[2]!.trim() };
  });
}

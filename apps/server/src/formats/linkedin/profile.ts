import type { CareerProfileFields } from '@career-anchor/contracts';
import type { CsvTable, ImportProblem } from './archive.ts';
import { CsvRow } from './rows.ts';
import { personName, websiteLinks } from './values.ts';

/** The files that describe the person rather than a section, by the name LinkedIn gives them. */
export const PROFILE_FILES = {
  profile: 'Profile.csv',
  profileSummary: 'Profile Summary.csv',
  emails: 'Email Addresses.csv',
  phones: 'PhoneNumbers.csv',
} as const;
export type ProfileFile = keyof typeof PROFILE_FILES;

type Tables = Partial<Record<ProfileFile, { table: CsvTable; path: string }>>;

const rowsOf = (found: Tables[ProfileFile]) =>
  (found?.table.rows ?? []).map((record) => new CsvRow(found!.table.header, record)).filter((row) => !row.isEmpty);

/**
 * The profile as the archive gives it. Only fields that hold something are set, so the preview
 * never offers to replace what the person has with nothing.
 */
export function profileFrom(tables: Tables, problems: ImportProblem[]): Partial<CareerProfileFields> {
  const profile: Partial<CareerProfileFields> = {};
  const kept: Record<string, unknown> = {};
  const set = <K extends keyof CareerProfileFields>(field: K, value: CareerProfileFields[K] | '') => {
    if (value !== '') profile[field] = value as CareerProfileFields[K];
  };

  const [person, ...others] = rowsOf(tables.profile);
  if (others.length > 0)
    problems.push({ path: tables.profile!.path, message: 'More than one person in the file: the first was read' });
  if (person) {
    set('displayName', personName(person.take('First Name'), person.take('Last Name')));
    set('headline', person.take('Headline'));
    set('summary', person.take('Summary'));
    set('location', person.take('Geo Location'));
    const links = websiteLinks(person.take('Websites'));
    if (links.length > 0) profile.links = links;
    const address = Object.fromEntries(
      Object.entries({ address: person.take('Address'), postalCode: person.take('Zip Code') }).filter(([, value]) => value),
    );
    if (Object.keys(address).length > 0) profile.address = address;
    // Birth date, maiden name, industry, Twitter handles, messengers: no field here, kept as written.
    Object.assign(kept, person.rest());
  }

  const [summaryRow] = rowsOf(tables.profileSummary);
  const longSummary = summaryRow?.take('Profile Summary') ?? '';
  if (longSummary && !profile.summary) profile.summary = longSummary;
  else if (longSummary && longSummary !== profile.summary) kept['Profile Summary'] = longSummary;

  // The primary address is the résumé's; the others are kept. Confirmed / Updated On are the
  // account's bookkeeping, not the person's details.
  const emails = rowsOf(tables.emails);
  const primary = emails.find((row) => /^yes$/i.test(row.peek('Primary'))) ?? emails[0];
  set('email', primary?.peek('Email Address') ?? '');
  const otherEmails = emails
    .filter((row) => row !== primary)
    .map((row) => row.peek('Email Address'))
    .filter(Boolean);
  if (otherEmails.length > 0) kept['Other Email Addresses'] = otherEmails;

  const phones = rowsOf(tables.phones).filter((row) => row.peek('Number'));
  const phoneOf = (row: CsvRow) =>
    [row.peek('Number'), row.peek('Extension') && `ext. ${row.peek('Extension')}`].filter(Boolean).join(' ');
  const [phone, ...otherPhones] = phones;
  if (phone) {
    set('phone', phoneOf(phone));
    if (phone.peek('Type')) kept['Phone Type'] = phone.peek('Type');
  }
  if (otherPhones.length > 0) {
    kept['Other Phone Numbers'] = otherPhones.map((row) =>
      [phoneOf(row), row.peek('Type') && `(${row.peek('Type')})`].filter(Boolean).join(' '),
    );
  }

  if (Object.keys(kept).length > 0) profile.resumeExtra = kept;
  return profile;
}

import { ProfileUpdate, ResumeLocation, type CareerProfileFields } from '@career-anchor/contracts';
import type { z } from 'zod';
import { isEmpty, isObject, issuesAt, layUnder, pathOf, put, type ImportProblem, type JsonObject } from './json-values.ts';

/**
 * JSON Resume's `basics` ⇄ the profile. What has no field (unknown keys, `username`, profiles that
 * cannot be links, an image that is not a web address, values left empty) is kept in
 * `resumeExtra.basics` in the résumé's own shape, and laid back under the fields on export.
 */

type TextField = 'displayName' | 'headline' | 'email' | 'phone' | 'url' | 'summary' | 'avatarUrl';

/** `basics`' text fields and the profile field each fills. */
const TEXT_FIELDS: Record<string, TextField> = {
  name: 'displayName',
  label: 'headline',
  image: 'avatarUrl',
  email: 'email',
  phone: 'phone',
  url: 'url',
  summary: 'summary',
};
const LOCATION_KEYS = ['address', 'postalCode', 'city', 'countryCode', 'region'] as const;

/** The contract's bounds of each field; contact details have none of their own, so a line's. */
const aLine = ResumeLocation.shape.address;
const BOUNDS: Record<TextField, z.ZodType> = {
  displayName: ProfileUpdate.shape.displayName,
  headline: ProfileUpdate.shape.headline,
  summary: ProfileUpdate.shape.summary,
  avatarUrl: ProfileUpdate.shape.avatarUrl,
  email: aLine,
  phone: aLine,
  url: aLine,
};
/** Links as the profile keeps them: a label, an http(s) address, at most as many as it allows. */
const LINKS = ProfileUpdate.shape.links;

type Link = { label: string; url: string };

/** The link a profile makes: labelled by its network (or else its username), if it has a URL. */
function linkOf(profile: unknown): Link | null {
  if (!isObject(profile) || typeof profile.url !== 'string') return null;
  const name = [profile.network, profile.username].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return name === undefined ? null : { label: name.trim(), url: profile.url };
}

/** Which profiles become links: those that make one the profile accepts, in order, while there is room. */
function linksFrom(profiles: unknown[]): { links: Link[]; linked: Set<number> } {
  const links: Link[] = [];
  const linked = new Set<number>();
  profiles.forEach((profile, index) => {
    const link = linkOf(profile);
    if (link && LINKS.safeParse([...links, link]).success) {
      links.push(link);
      linked.add(index);
    }
  });
  return { links, linked };
}

/** A profile its link alone gives back: just `network` (as the label) and `url`. */
const isPlain = (profile: unknown, link: Link) =>
  isObject(profile) && Object.keys(profile).length === 2 && profile.network === link.label && profile.url === link.url;

/** The one-line location shown on the profile, built from the address's parts. */
function locationLine(address: Partial<Record<(typeof LOCATION_KEYS)[number], string>>): string {
  const parts = [address.city, address.region, address.countryCode].filter((part) => part?.trim());
  return parts.length ? parts.join(', ') : (address.address?.split('\n')[0]?.trim() ?? '');
}

export function basicsFrom(
  basics: JsonObject,
  problems: ImportProblem[],
  unknown: string[],
): { profile: Partial<CareerProfileFields>; kept: JsonObject | undefined } {
  const profile: Partial<CareerProfileFields> = {};
  const fields = profile as Record<string, unknown>;
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(basics)) {
    const path = pathOf('basics', key);
    if (key === 'location') {
      const address: Record<string, string> = {};
      const keptLocation: JsonObject = {};
      for (const [part, text] of Object.entries(value as JsonObject)) {
        const known = (LOCATION_KEYS as readonly string[]).includes(part);
        if (!known) unknown.push(pathOf(path, part));
        if (!known || isEmpty(text)) {
          put(keptLocation, part, text);
          continue;
        }
        const checked = aLine.safeParse(text);
        if (checked.success) address[part] = text as string;
        else problems.push(...issuesAt(pathOf(path, part), checked.error));
      }
      if (Object.keys(address).length) {
        profile.address = address;
        const line = locationLine(address);
        const checked = ProfileUpdate.shape.location.safeParse(line);
        if (!checked.success) problems.push(...issuesAt(path, checked.error));
        else if (line) profile.location = line;
      }
      if (Object.keys(keptLocation).length || isEmpty(value)) put(kept, key, keptLocation);
      continue;
    }
    if (key === 'profiles') {
      const profiles = value as unknown[];
      const { links, linked } = linksFrom(profiles);
      profiles.forEach((one, index) => {
        if (!linked.has(index)) unknown.push(pathOf(path, index));
        else if (isObject(one))
          for (const part of Object.keys(one))
            if (!['network', 'username', 'url'].includes(part)) unknown.push(pathOf(path, index, part));
      });
      if (links.length) profile.links = links;
      // Kept whole unless every profile is a plain link: export then matches links to them.
      if (profiles.length === 0 || profiles.some((one, index) => !linked.has(index) || !isPlain(one, linkOf(one)!)))
        put(kept, key, profiles);
      continue;
    }
    const field = Object.hasOwn(TEXT_FIELDS, key) ? TEXT_FIELDS[key] : undefined;
    if (!field) {
      unknown.push(path);
      put(kept, key, value);
      continue;
    }
    // Left blank in the file: nothing to propose for the profile, but given back on export.
    if ((value as string).trim() === '') {
      put(kept, key, value);
      continue;
    }
    const checked = BOUNDS[field].safeParse(value);
    if (field === 'avatarUrl' && !checked.success) {
      unknown.push(path); // an image that is not a web address: kept, not shown
      put(kept, key, value);
    } else if (!checked.success) problems.push(...issuesAt(path, checked.error));
    else {
      fields[field] = checked.data;
      if (checked.data !== value) put(kept, key, value); // the name as written, spaces and all
    }
  }
  return { profile, kept: Object.keys(kept).length || isEmpty(basics) ? kept : undefined };
}

/** The profiles of the export: each link (as it came, when it came from one), and those that could not be links where they were. */
function profilesOf(links: Link[], kept: unknown): unknown[] | undefined {
  if (!Array.isArray(kept)) return links.length ? links.map((link) => ({ network: link.label, url: link.url })) : undefined;
  const { linked } = linksFrom(kept);
  const used = new Set<number>();
  const profiles: unknown[] = links.map((link) => {
    const index = kept.findIndex((one, i) => {
      const made = linked.has(i) && !used.has(i) ? linkOf(one) : null;
      return made?.label === link.label && made.url === link.url;
    });
    if (index < 0) return { network: link.label, url: link.url };
    used.add(index);
    return kept[index];
  });
  kept.forEach((one, index) => {
    if (!linked.has(index)) profiles.splice(Math.min(index, profiles.length), 0, one);
  });
  return profiles.length || kept.length === 0 ? profiles : undefined;
}

export function basicsOf(profile: CareerProfileFields): JsonObject | undefined {
  const keptBasics = isObject(profile.resumeExtra) ? profile.resumeExtra.basics : undefined;
  const kept = isObject(keptBasics) ? keptBasics : undefined;
  const basics: JsonObject = {};
  for (const [key, field] of Object.entries(TEXT_FIELDS)) {
    const value = profile[field];
    if (typeof value === 'string' && value !== '') basics[key] = value;
  }
  if (typeof kept?.name === 'string' && kept.name.trim() === profile.displayName) basics.name = kept.name;
  const address = Object.fromEntries(
    LOCATION_KEYS.flatMap((part) => (profile.address?.[part] ? [[part, profile.address[part]]] : [])),
  );
  if (Object.keys(address).length) basics.location = address;
  else if (profile.location) basics.location = { city: profile.location };
  const profiles = profilesOf(profile.links, kept?.profiles);
  if (profiles) basics.profiles = profiles;
  const rest = Object.fromEntries(Object.entries(kept ?? {}).filter(([key]) => key !== 'profiles'));
  const merged = layUnder(basics, rest);
  return Object.keys(merged).length || kept ? merged : undefined;
}

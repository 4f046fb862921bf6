import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CAREER_SCHEMAS,
  CAREER_SECTIONS,
  ProfileUpdate,
  ResumeLocation,
  type CareerBundle,
  type CareerDocument,
  type CareerProfileFields,
} from '@career-anchor/contracts';
import { fromJsonResume, toJsonResume, type JsonResume } from '../src/formats/json-resume.ts';
import { emptyCareerProfile } from '../src/formats/career-document.ts';

/**
 * JSON Resume both ways: import, store (simulated: what the store gives back for a bundle), export
 * is deep-equal to the file, valid under the official schema, and renders in published themes.
 */
const require = createRequire(import.meta.url);
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/json-resume');
const SCHEMA_PACKAGE = dirname(require.resolve('@jsonresume/schema/package.json'));
const official = require('@jsonresume/schema') as {
  validate(resume: unknown, done: (errors: { property: string; message: string }[] | null, valid: boolean) => void): void;
};

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonResume;
const fixture = (name: string) => readJson(join(FIXTURES, `${name}.resume.json`));
/** The package's own examples beside its sample: more real résumés for free. */
const packageExamples = readdirSync(join(SCHEMA_PACKAGE, 'examples')).filter((file) => file.endsWith('.json'));

function officialErrors(resume: unknown): string[] {
  let found: string[] = [];
  official.validate(resume, (errors) => {
    found = (errors ?? []).map((error) => `${error.property}: ${error.message}`);
  });
  return found;
}

/**
 * What the store would give back after writing a bundle: profile fields parsed by the profile's
 * contract, entries by each section's create schema (defaults filled in), then ids, order,
 * timestamps and the import they came with. Parsing here also proves the bundle is storable.
 */
function stored(bundle: CareerBundle): CareerDocument {
  const now = new Date('2025-01-02T03:04:05.000Z').toISOString();
  const importId = randomUUID();
  const { displayName, headline, summary, location, links, avatarUrl } = bundle.profile;
  const profileFields = ProfileUpdate.parse({ displayName, headline, summary, location, links, avatarUrl });
  const profile: CareerProfileFields & { handle: string | null; locale: string } = {
    ...emptyCareerProfile(),
    handle: 'someone',
    ...bundle.profile,
    ...Object.fromEntries(Object.entries(profileFields).filter(([, value]) => value !== undefined)),
    ...(bundle.profile.address ? { address: ResumeLocation.parse(bundle.profile.address) } : {}),
  };
  const sections = Object.fromEntries(
    CAREER_SECTIONS.map((section) => [
      section,
      (bundle.sections[section] ?? []).map((entry, index) => ({
        // The order's number; positions and volunteering call their title `position`, and the
        // contract's entry keeps the title there.
        ...(section === 'positions' || section === 'volunteering' ? {} : { position: (index + 1) * 1024 }),
        ...CAREER_SCHEMAS[section].create.parse(entry),
        id: randomUUID(),
        importId,
        createdAt: now,
        updatedAt: now,
        ...(section === 'skills' ? { evidence: { achievements: { count: 0, ids: [] }, todos: { count: 0, ids: [] } } } : {}),
      })),
    ]),
  ) as unknown as CareerDocument['sections'];
  return { profile, sections };
}

function roundTrip(input: JsonResume) {
  const { bundle, problems } = fromJsonResume(input);
  expect(problems).toEqual([]);
  // Through JSON text, as an HTTP answer would be: no undefined, no shared references.
  const exported = JSON.parse(JSON.stringify(toJsonResume(stored(bundle)))) as JsonResume;
  return { bundle, exported };
}

const RESUMES: [string, () => JsonResume][] = [
  ['the schema package’s sample résumé', () => readJson(join(SCHEMA_PACKAGE, 'sample.resume.json'))],
  ['a Chinese résumé', () => fixture('chinese')],
  ['a résumé using every field, with day, month and year dates', () => fixture('every-field')],
  ['a résumé of empty values, unknown keys and profiles that cannot be links', () => fixture('kept-as-is')],
  ...packageExamples.map((file): [string, () => JsonResume] => [
    `the schema package’s example ${file}`,
    () => readJson(join(SCHEMA_PACKAGE, 'examples', file)),
  ]),
];

describe('JSON Resume round trip', () => {
  it.each(RESUMES)('export(import(%s)) deep-equals the file and is valid under the official schema', (_, load) => {
    const input = load();
    expect(officialErrors(input)).toEqual([]);
    const before = structuredClone(input);
    const { exported } = roundTrip(input);
    expect(input, 'the import leaves its input alone').toStrictEqual(before);
    expect(exported).toStrictEqual(input);
    expect(officialErrors(exported)).toEqual([]);
  });

  it('the every-field fixture really uses every field of every section', () => {
    const input = fixture('every-field');
    const schema = (require('@jsonresume/schema') as { schema: any }).schema;
    for (const [key, definition] of Object.entries<any>(schema.properties)) {
      if (key === '$schema') continue;
      const fields = Object.keys(definition.items?.properties ?? definition.properties);
      const items = Array.isArray(input[key]) ? (input[key] as object[]) : [input[key] as object];
      for (const field of fields)
        expect(
          items.some((item) => field in item),
          `${key}.${field}`,
        ).toBe(true);
    }
    const dates = JSON.stringify(input)
      .match(/"(startDate|endDate|date|releaseDate)":"[^"]+"/g)!
      .join(' ');
    expect(dates).toMatch(/"\d{4}"/);
    expect(dates).toMatch(/"\d{4}-\d{2}"/);
  });
});

describe('what the import reads', () => {
  it('keeps dates at their precision, highlights one by one and the name as a proposal', () => {
    const { bundle } = roundTrip(fixture('chinese'));
    const [ant, ctrip] = bundle.sections.positions!;
    expect(ant).toMatchObject({ startDate: '2020-07', current: true, highlights: expect.arrayContaining([]) });
    expect(ant!.highlights).toHaveLength(3);
    expect(ant!.endDate).toBeUndefined();
    expect(ctrip).toMatchObject({ startDate: '2016-07', endDate: '2020-06', current: false });
    expect(bundle.sections.education![1]).toMatchObject({ startDate: '2009', endDate: '2013' });
    expect(bundle.sections.certificates![0]).toMatchObject({ date: '2021-05-20' });
    expect(bundle.profile).toMatchObject({
      displayName: '林晓雯',
      headline: '高级后端工程师 · 分布式系统',
      location: '上海, 上海市, CN',
      address: {
        address: '浦东新区张江路 88 号\n3 号楼 12 层',
        postalCode: '201203',
        city: '上海',
        countryCode: 'CN',
        region: '上海市',
      },
      links: [
        { label: 'GitHub', url: 'https://github.com/linxiaowen' },
        { label: '知乎', url: 'https://www.zhihu.com/people/linxiaowen' },
      ],
    });
    // The WeChat account has no address, so it is no link; it is named, and kept for export.
    expect(bundle.unknown).toEqual(['basics.profiles.2']);
    expect(bundle.sections.skills!.map((skill) => skill.level)).toEqual(['精通', '熟练', undefined]);
  });

  it('keeps every section of the sample, its phone, start dates and location whole', () => {
    const { bundle } = roundTrip(readJson(join(SCHEMA_PACKAGE, 'sample.resume.json')));
    expect(Object.keys(bundle.sections).sort()).toEqual(
      [
        'awards',
        'education',
        'interests',
        'languages',
        'positions',
        'projects',
        'publications',
        'references',
        'skills',
        'volunteering',
      ].sort(),
    );
    expect(bundle.profile).toMatchObject({
      phone: '(912) 555-4321',
      address: {
        address: '2712 Broadway St',
        postalCode: 'CA 94115',
        city: 'San Francisco',
        countryCode: 'US',
        region: 'California',
      },
    });
    expect(bundle.profile.avatarUrl).toBeUndefined(); // "image": "" proposes nothing
    expect(bundle.sections.positions![0]).toMatchObject({ startDate: '2013-12-01', endDate: '2014-12-01' });
    expect(bundle.sections.references![0]!.name).toBe('Erlich Bachman');
    expect(bundle.unknown).toEqual([]);
  });

  it('keeps empty-named entries, never links a project to a position by name, never invents a level', () => {
    const { bundle } = roundTrip(fixture('kept-as-is'));
    expect(bundle.sections.positions).toHaveLength(3);
    expect(bundle.sections.positions![0]).toEqual({ current: false, extra: null });
    expect(bundle.sections.projects![0]).toEqual({ positionId: null, extra: { name: '' } });
    expect(bundle.sections.projects![1]).toMatchObject({ entity: 'Acme', positionId: null });
    expect(bundle.sections.skills![0]).toEqual({ name: 'Rust', extra: { level: '' } });
    expect(bundle.sections.positions![2]!.extra).toEqual({ current: true, 'x-team': { size: 7, remote: [true, false, null] } });
    expect(bundle.profile.displayName).toBe('Sam Rivera');
    expect(bundle.profile.links).toHaveLength(10);
    expect(bundle.unknown).toEqual([
      'basics.image',
      'basics.pronouns',
      'basics.location.neighbourhood',
      'basics.profiles.0',
      'basics.profiles.4.rss',
      'basics.profiles.5',
      'basics.profiles.12',
      'x-custom-section',
    ]);
    const every = roundTrip(fixture('every-field')).bundle;
    expect(every.sections.projects![0]).toMatchObject({ entity: 'Northwind Analytics', positionId: null });
  });

  it('takes long text whole, up to the contract’s bounds', () => {
    const title = 'A project with a very long name '.repeat(20).trim(); // 639 characters
    const { bundle } = roundTrip({ projects: [{ name: title, highlights: ['x'.repeat(2000)] }] });
    expect(bundle.sections.projects![0]!.name).toBe(title);
  });
});

describe('files the import refuses, with the paths of what is wrong', () => {
  const problemsOf = (resume: unknown) => {
    const { bundle, problems } = fromJsonResume(resume);
    return { bundle, problems, paths: problems.map((problem) => problem.path) };
  };

  it('a file that fails the official schema: problems with paths, no throw', () => {
    const { paths, problems } = problemsOf({
      basics: { email: 'not an address', profiles: [{ url: 'no scheme' }] },
      work: [{ startDate: 'June 2020', highlights: 'one string' }],
      skills: 'many',
    });
    expect(paths).toEqual(
      expect.arrayContaining(['basics.email', 'basics.profiles.0.url', 'work.0.startDate', 'work.0.highlights', 'skills']),
    );
    expect(problems.every((problem) => problem.message.length > 0)).toBe(true);
    for (const value of [null, 'text', 42, [], true]) expect(problemsOf(value).paths).toEqual(['']);
  });

  it('impossible dates, and years the app does not keep', () => {
    const { paths } = problemsOf({
      work: [{ startDate: '2021-02-30', endDate: '2020-13' }],
      awards: [{ date: '1850' }],
      education: [{ startDate: '2020-02-29', endDate: '2019-02-29' }],
    });
    expect(paths).toEqual(['work.0.startDate', 'work.0.endDate', 'awards.0.date', 'education.0.endDate']);
  });

  it('NUL characters and broken surrogates, in values and in keys, wherever they are', () => {
    const { paths, problems } = problemsOf({
      basics: { name: 'Ada\u0000' },
      work: [{ highlights: ['fine', 'broken \ud800'] }],
      projects: [{ ['odd\u0000key']: 1, notes: { deep: ['x\u0000'] } }],
      meta: { note: '\udc00' },
    });
    expect(paths).toEqual(['basics.name', 'work.0.highlights.1', 'projects.0.odd?key', 'projects.0.notes.deep.0', 'meta.note']);
    expect(problems[0]!.message).toMatch(/NUL/);
  });

  it('text over the contract’s bounds is reported, never cut', () => {
    const summary = 'word '.repeat(4001); // 20,005 characters
    const { bundle, paths } = problemsOf({
      basics: { label: 'h'.repeat(201) },
      work: [{ summary, highlights: ['ok', 'y'.repeat(2001)] }],
    });
    expect(paths).toEqual(['basics.label', 'work.0.summary', 'work.0.highlights.1']);
    expect(bundle.sections.positions![0]!.summary).toBe(summary);
  });

  it('too much kept from one entry, a key too long to keep, __proto__, and hostile nesting', () => {
    expect(problemsOf({ work: [{ notes: 'n'.repeat(20_001) }] }).paths).toEqual(['work.0']);
    expect(problemsOf({ work: [{ ['k'.repeat(201)]: 1 }] }).paths).toEqual([`work.0.${'k'.repeat(201)}`]);
    expect(problemsOf({ custom: 'c'.repeat(20_001), meta: { version: 'v1.0.0' } }).paths).toEqual(['custom']);
    expect(problemsOf(JSON.parse('{"work":[{"__proto__":{"polluted":true}}]}')).paths).toEqual(['work.0.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const nested = problemsOf({ meta: { deep } });
    expect(nested.problems).toHaveLength(1);
    expect(nested.problems[0]!.message).toMatch(/Nested more than/);
  });

  it('at most 100 problems, however many the file has', () => {
    const { problems } = problemsOf({ work: Array.from({ length: 500 }, () => ({ startDate: '2021-02-30' })) });
    expect(problems).toHaveLength(100);
  });
});

describe('what the export writes', () => {
  it('a career never imported: only what is set, no invented level, entries in the document’s order', () => {
    const document = stored({
      profile: {
        displayName: 'Mei Chen',
        headline: 'Designer',
        location: 'Taipei',
        links: [{ label: 'Site', url: 'https://mei.example.com' }],
      },
      sections: {
        positions: [
          { name: 'Later Co', position: 'Lead', startDate: '2022-03', current: true },
          { name: 'Earlier Co', position: 'Designer', startDate: '2019', endDate: '2022-02' },
        ],
        skills: [{ name: 'Figma', level: null, keywords: ['prototyping'] }],
        references: [{ name: 'Kai', reference: 'Great.' }],
      },
      unknown: [],
    });
    document.sections.projects = [
      {
        ...stored({ profile: {}, sections: { projects: [{ name: 'P' }] }, unknown: [] }).sections.projects[0]!,
        positionId: document.sections.positions[0]!.id,
      },
    ];
    const resume = toJsonResume(document);
    expect(resume).toStrictEqual({
      basics: {
        name: 'Mei Chen',
        label: 'Designer',
        location: { city: 'Taipei' },
        profiles: [{ network: 'Site', url: 'https://mei.example.com' }],
      },
      work: [
        { name: 'Later Co', position: 'Lead', startDate: '2022-03' },
        { name: 'Earlier Co', position: 'Designer', startDate: '2019', endDate: '2022-02' },
      ],
      skills: [{ name: 'Figma', keywords: ['prototyping'] }],
      references: [{ name: 'Kai', reference: 'Great.' }],
      projects: [{ name: 'P' }],
    });
    expect(officialErrors(resume)).toEqual([]);
  });

  it('leaves out what the schema would refuse, typed here where no import checked it', () => {
    const document = stored({
      profile: { displayName: 'Mei Chen', email: 'mei at home', url: 'mei.example.com' },
      sections: {
        positions: [
          { name: 'Later Co', url: 'later.example.com', highlights: ['Shipped'] },
          { name: 'Earlier Co', url: 'earlier.example.com' },
        ],
        certificates: [{ name: 'CKA', url: 'https://certs.example.org/cka' }],
      },
      unknown: [],
    });
    const resume = toJsonResume(document);
    expect(resume).toStrictEqual({
      basics: { name: 'Mei Chen' },
      work: [{ name: 'Later Co', highlights: ['Shipped'] }, { name: 'Earlier Co' }],
      certificates: [{ name: 'CKA', url: 'https://certs.example.org/cka' }],
    });
    expect(officialErrors(resume)).toEqual([]);
    expect(document.profile.email).toBe('mei at home');
  });

  it('an edit made here wins over what the file said; a link removed here does not come back', () => {
    const document = stored(fromJsonResume(fixture('kept-as-is')).bundle);
    document.sections.positions[1]!.name = 'Renamed Ltd';
    document.sections.skills[0]!.level = 'Expert';
    document.profile.links = document.profile.links.filter((link) => link.label !== 'GitHub');
    document.profile.headline = 'Now with a headline';
    const resume = toJsonResume(document) as any;
    expect(resume.work[1].name).toBe('Renamed Ltd');
    expect(resume.skills[0].level).toBe('Expert');
    expect(resume.basics.label).toBe('Now with a headline');
    const networks = resume.basics.profiles.map((profile: any) => profile.network ?? profile.username);
    expect(networks).not.toContain('GitHub');
    // Profiles that were never links keep their places among the rest.
    expect(networks.slice(0, 6)).toEqual(['Email', 'samr', ' LinkedIn ', 'Blog', 'A', 'Matrix']);
    expect(officialErrors(resume)).toEqual([]);
  });
});

describe('published JSON Resume themes render the export', () => {
  const decode = (html: string) =>
    html.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] ?? "'");
  /** A text from every section the résumé has, as a reader would look for it. */
  const textsOf = (resume: any): Record<string, string> => ({
    basics: resume.basics.name,
    work: resume.work[0].name,
    'work highlight': resume.work[0].highlights[0],
    volunteer: resume.volunteer[0].organization,
    education: resume.education[0].institution,
    awards: resume.awards[0].title,
    ...(resume.certificates ? { certificates: resume.certificates[0].name } : {}),
    publications: resume.publications[0].name,
    skills: resume.skills[0].name,
    languages: resume.languages[0].language,
    interests: resume.interests[0].name,
    references: resume.references[0].reference,
    projects: resume.projects[0].name,
  });
  type Theme = { render(resume: object): string | Promise<string> };

  it.each(['jsonresume-theme-even', 'jsonresume-theme-stackoverflow'])(
    '%s shows text from every section, for each round-tripped résumé',
    async (name) => {
      const theme = (await import(name)) as Theme;
      for (const [label, read] of RESUMES.slice(0, 3)) {
        const { exported } = roundTrip(read());
        const html = decode(await theme.render(exported));
        const missing = Object.entries(textsOf(exported)).filter(([, text]) => !html.includes(text));
        expect(missing, label).toEqual([]);
      }
    },
  );
});

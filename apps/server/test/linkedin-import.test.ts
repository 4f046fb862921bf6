import { readFileSync } from 'node:fs';
import { CAREER_SCHEMAS, partialDatePrecision, type CareerBundle, type CareerSection } from '@career-anchor/contracts';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LINKEDIN_ARCHIVE_LIMITS, fromLinkedInArchive, parseLinkedInDate } from '../src/formats/linkedin.ts';
import { isUnsafeName } from '../src/formats/linkedin/archive.ts';
import { personName, websiteLinks } from '../src/formats/linkedin/values.ts';

/** The fixtures are made by test/fixtures/linkedin/make-fixtures.ts. */
const fixture = (name: string) =>
  fromLinkedInArchive(new Uint8Array(readFileSync(new URL(`./fixtures/linkedin/${name}`, import.meta.url))));

const entries = <S extends CareerSection>(bundle: CareerBundle, section: S) =>
  (bundle.sections[section] ?? []) as unknown as Record<string, unknown>[];

/** Every date field of every entry, as `section[index].field` → value. */
function datesOf(bundle: CareerBundle): Record<string, string | null> {
  const dates: Record<string, string | null> = {};
  for (const [section, list] of Object.entries(bundle.sections)) {
    (list as Record<string, unknown>[]).forEach((entry, index) => {
      for (const field of ['startDate', 'endDate', 'date', 'releaseDate']) {
        if (field in entry) dates[`${section}[${index}].${field}`] = entry[field] as string | null;
      }
    });
  }
  return dates;
}

describe('a full English archive', () => {
  const { bundle, problems } = fixture('full-en.zip');

  it('reads without a problem, and lists the files it does not read', () => {
    expect(problems).toEqual([]);
    expect(bundle.unknown).toEqual(['Connections.csv', 'messages.csv', 'Jobs/Saved Jobs.csv', 'Courses.csv[0]']);
  });

  it('fills the profile from Profile.csv, the primary e-mail and the first phone, keeping the rest', () => {
    expect(bundle.profile).toEqual({
      displayName: 'Ada Lovelace',
      headline: 'Analyst of engines | Writes the first programs',
      summary: 'I turn machines into poems.\nAnd poems into machines.',
      location: 'London, England, United Kingdom',
      links: [
        { label: 'Personal', url: 'https://ada.example.org' },
        { label: 'Company', url: 'https://engines.example.com/ada?x=1,2' },
      ],
      address: { address: "12 St James's Square, London", postalCode: 'SW1Y 4JH' },
      email: 'ada@example.org',
      phone: '+44 20 7946 0000',
      resumeExtra: {
        'Maiden Name': 'Byron',
        'Birth Date': 'Dec 10',
        Industry: 'Computer Software',
        'Twitter Handles': '[ada_l]',
        'Other Email Addresses': ['ada@old.example'],
        'Phone Type': 'Mobile',
        'Other Phone Numbers': ['+44 20 7946 0001 ext. 12 (Work)'],
      },
    });
  });

  it('brings every section LinkedIn has, each entry a valid create input', () => {
    expect(Object.keys(bundle.sections).sort()).toEqual(
      [
        'awards',
        'certificates',
        'education',
        'languages',
        'positions',
        'projects',
        'publications',
        'references',
        'skills',
        'volunteering',
      ].sort(),
    );
    for (const [section, list] of Object.entries(bundle.sections)) {
      for (const entry of list) expect(CAREER_SCHEMAS[section as CareerSection].create.safeParse(entry).success).toBe(true);
    }
  });

  it('maps positions, with a start and no end as the position still held', () => {
    expect(entries(bundle, 'positions')).toMatchObject([
      {
        name: 'Analytical Engines Ltd',
        position: 'Principal Analyst',
        summary: 'Leads the programme.\n• Wrote the first algorithm\n• Grew the team to 12',
        location: 'London, United Kingdom',
        startDate: '2020-01',
        endDate: null,
        current: true,
        extra: null,
      },
      { name: 'Difference Works', position: 'Analyst', startDate: '2017-03', endDate: '2019-12', current: false },
      { name: 'Early Days', position: 'Apprentice', location: 'Ockham', startDate: '2015', endDate: '2016', current: false },
    ]);
  });

  it('maps the other sections field by field, unmapped columns kept in extra', () => {
    expect(entries(bundle, 'education')).toMatchObject([
      {
        institution: 'University of London',
        studyType: 'BSc Mathematics',
        area: '',
        startDate: '2012',
        endDate: '2016',
        courses: [],
        extra: { Notes: 'Thesis on engines', Activities: 'Chess, rowing' },
      },
      { institution: 'Home tutoring', startDate: null, endDate: null, extra: null },
    ]);
    expect(entries(bundle, 'skills')).toMatchObject([
      { name: 'Python', level: null, keywords: [] },
      { name: 'Analysis, numerical', level: null },
      { name: 'Technical writing', level: null },
    ]);
    expect(entries(bundle, 'certificates')).toMatchObject([
      {
        name: 'Certified Engine Analyst',
        issuer: 'Babbage Society',
        date: '2024-07',
        url: 'https://cert.example/cea/123',
        extra: { 'Finished On': 'Jul 2027', 'License Number': 'CEA-123' },
      },
      { name: 'Safety Basics', issuer: 'Works Council', date: '2019-09', url: '', extra: null },
    ]);
    expect(entries(bundle, 'projects')).toMatchObject([
      {
        name: 'Notes on the Engine',
        description: 'Translated and annotated the memoir, adding Note G.',
        url: 'https://notes.example/g',
        startDate: '2019-01',
        endDate: '2021-03',
      },
      // A project with no title is kept, not dropped.
      { name: '', description: 'A project with no title yet', startDate: '2022', endDate: null },
    ]);
    expect(entries(bundle, 'languages')).toMatchObject([
      { language: 'English', fluency: 'Native or bilingual proficiency' },
      { language: 'French', fluency: 'Professional working proficiency' },
    ]);
    expect(entries(bundle, 'awards')).toMatchObject([
      { title: 'Royal Medal', awarder: '', summary: 'For the notes', date: '2020-11' },
    ]);
    expect(entries(bundle, 'publications')).toMatchObject([
      {
        name: 'Sketch of the Analytical Engine',
        publisher: "Taylor's Scientific Memoirs",
        releaseDate: '2020-01-30',
        url: 'https://memoirs.example/sketch',
        summary: 'With notes by the translator.',
      },
      { name: 'On Bernoulli numbers', releaseDate: '2012-04' },
    ]);
    expect(entries(bundle, 'volunteering')).toMatchObject([
      {
        organization: 'Code Club',
        position: 'Mentor',
        startDate: '2019-06',
        endDate: null,
        summary: 'Weekly sessions for children.',
        extra: { Cause: 'Education' },
      },
    ]);
  });

  it('brings recommendations received as references, private', () => {
    expect(entries(bundle, 'references')).toEqual([
      {
        name: 'Charles Babbage',
        reference: 'Ada understood the engine, better than I did.',
        tags: [],
        isPublic: false,
        extra: {
          Company: 'Analytical Engines Ltd',
          'Job Title': 'Inventor',
          'Creation Date': '02/01/20, 10:00 AM',
          Status: 'VISIBLE',
        },
      },
    ]);
    expect(entries(bundle, 'positions').every((entry) => entry.isPublic === true)).toBe(true);
  });

  it('keeps every date at the precision LinkedIn wrote it, never padded', () => {
    const dates = datesOf(bundle);
    expect(dates).toMatchObject({
      'positions[0].startDate': '2020-01',
      'positions[2].startDate': '2015',
      'education[0].startDate': '2012',
      'publications[0].releaseDate': '2020-01-30',
      'publications[1].releaseDate': '2012-04',
    });
    for (const value of Object.values(dates)) {
      if (value === null) continue;
      expect(partialDatePrecision(value)).not.toBeNull();
      expect(value).not.toMatch(/-01-01$|^\d{4}-\d{2}-01$/);
    }
  });
});

describe('a Chinese archive in a folder, with byte-order marks, CRLF and quoted multi-line text', () => {
  const { bundle, problems } = fixture('chinese.zip');
  const folder = 'LinkedInDataExport_2025-03-12';

  it('reads every file without a problem', () => {
    expect(problems).toEqual([]);
    expect(Object.keys(bundle.sections).length).toBe(10);
  });

  it('reads the profile: a family name first, text with commas, quotes and line breaks whole', () => {
    expect(bundle.profile).toEqual({
      displayName: '李明',
      headline: '高级软件工程师 | 分布式系统',
      summary: '热爱构建可靠的系统，\n擅长 "分布式" 架构, 以及数据平台。',
      location: '中国 上海',
      links: [{ label: 'Blog', url: 'https://li.example.cn/博客' }],
      email: 'li.ming@example.cn',
      resumeExtra: { Industry: '互联网' },
    });
  });

  it('skips a preamble before the header and keeps multi-line descriptions whole', () => {
    expect(entries(bundle, 'positions')).toMatchObject([
      {
        name: '阿里巴巴集团',
        position: '高级工程师',
        summary: '负责支付系统：\n• 设计高可用架构，峰值 10 万 TPS\n• 带领 8 人团队, 交付 "双十一"',
        location: '杭州, 浙江, 中国',
        startDate: '2021-03',
        endDate: null,
        current: true,
      },
      { name: '腾讯', startDate: '2018-07', endDate: '2021-02', current: false },
    ]);
  });

  it('reads Chinese text and dates in every section', () => {
    expect(entries(bundle, 'education')).toMatchObject([
      {
        institution: '复旦大学',
        area: '计算机科学',
        studyType: '工学学士',
        startDate: '2014',
        endDate: '2018',
        // The course that names the school joins it; the other is listed as unknown.
        courses: ['CS 301 - 操作系统'],
        extra: { Notes: '毕业论文：一致性协议', Activities: 'ACM 校队, 学生会' },
      },
    ]);
    expect(bundle.unknown).toEqual([`${folder}/Courses.csv[1]`]);
    expect(entries(bundle, 'skills').map((skill) => skill.name)).toEqual(['分布式系统', 'Go', '机器学习']);
    expect(entries(bundle, 'certificates')).toMatchObject([
      { name: '系统架构设计师', issuer: '工业和信息化部', date: '2020-05', extra: { 'License Number': '证书编号 2020-123' } },
    ]);
    expect(entries(bundle, 'projects')).toMatchObject([
      { name: '实时风控引擎', description: '毫秒级决策，\n覆盖 "全部" 交易。' },
    ]);
    expect(entries(bundle, 'languages')).toMatchObject([{ language: '中文', fluency: '母语或双语' }, { language: 'English' }]);
    expect(entries(bundle, 'awards')).toMatchObject([{ title: '年度最佳员工', summary: '支付团队, 2022 年度', date: '2022-12' }]);
    expect(entries(bundle, 'publications')).toMatchObject([
      { name: '分布式事务实践', publisher: '电子工业出版社', releaseDate: '2023-04-18' },
    ]);
    // "Volunteering Experiences.csv", the name older archives give the file.
    expect(entries(bundle, 'volunteering')).toMatchObject([
      { organization: '上海图书馆', position: '志愿讲解员', startDate: '2016', endDate: '2017' },
    ]);
    expect(entries(bundle, 'references')).toMatchObject([
      { name: '王伟', reference: '李明是我合作过最可靠的工程师，\n没有之一。', isPublic: false },
    ]);
  });
});

describe('a malformed archive', () => {
  const { bundle, problems } = fixture('malformed.zip');

  it('reports each problem with the file, row and column it is in, and throws nothing', () => {
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '../Skills.csv', message: 'Left out: its name points outside the archive' },
        { path: '/etc/Languages.csv', message: 'Left out: its name points outside the archive' },
        { path: 'copy/Skills.csv', message: 'Left out: Skills.csv was read instead' },
        { path: 'Profile.csv', message: 'Not in the archive: the name, headline and summary were not read' },
        { path: 'Positions.csv[0].Started On', message: 'Not a date this import reads ("Sometime 2020"); kept as written' },
        { path: 'Positions.csv[0].Finished On', message: 'Not a date this import reads ("Feb 30, 2020"); kept as written' },
        { path: 'Positions.csv[1].Started On', message: 'Not a date this import reads ("Smarch 2020"); kept as written' },
        { path: 'Positions.csv[1].Finished On', message: 'Not a date this import reads ("13/2020"); kept as written' },
        { path: 'Positions.csv[3].Location', message: expect.stringMatching(/^Left out: .*1000/) },
        { path: 'Education.csv', message: 'Left out: 9 MB unpacked, more than 8 MB' },
        { path: 'Certifications.csv', message: 'Empty: no header row' },
        { path: 'Projects.csv', message: expect.stringMatching(/^Not readable as CSV: .*Quote Not Closed/) },
        { path: 'Languages.csv', message: expect.stringMatching(/^Not valid UTF-8/) },
        { path: 'Honors.csv', message: 'NUL characters were removed' },
        { path: 'Publications.csv', message: 'Left out: the file is damaged and could not be unpacked' },
        { path: 'Recommendations_Received.csv', message: expect.stringMatching(/^Left out: compressed with a method/) },
      ]),
    );
    expect(problems).toHaveLength(16);
    for (const problem of problems) expect(problem.path).not.toBe('');
  });

  it('leaves a date it cannot read empty and keeps what was written in extra', () => {
    expect(entries(bundle, 'positions')).toMatchObject([
      {
        name: 'Vague Corp',
        startDate: null,
        endDate: null,
        current: false,
        extra: { 'Started On': 'Sometime 2020', 'Finished On': 'Feb 30, 2020' },
      },
      { name: 'Odd Calendar', startDate: null, endDate: null, extra: { 'Started On': 'Smarch 2020', 'Finished On': '13/2020' } },
      // A cell past the header is kept too.
      { name: 'Wide Row', startDate: '2019', endDate: '2020', extra: { 'Column 7': 'a cell past the header' } },
    ]);
  });

  it('reads nothing from names outside the archive, duplicates or files it left out', () => {
    expect(entries(bundle, 'skills').map((skill) => skill.name)).toEqual(['Kept']);
    expect(bundle.sections.education).toBeUndefined();
    expect(bundle.sections.projects).toBeUndefined();
    expect(bundle.sections.publications).toBeUndefined();
    expect(bundle.sections.references).toBeUndefined();
    expect(bundle.profile).toEqual({});
    expect(entries(bundle, 'awards')).toMatchObject([{ title: 'NullPrize', date: '2021' }]);
  });
});

describe('archives that are not what they claim', () => {
  const zip = (files: Record<string, string>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([name, body]) => [name, strToU8(body)])), { level: 1 });

  it('answers a problem, not an exception, for bytes that are no zip', () => {
    for (const bytes of [new Uint8Array(0), strToU8('First Name,Last Name\nAda,Lovelace\n'), new Uint8Array(4096).fill(0x50)]) {
      const { bundle, problems } = fromLinkedInArchive(bytes);
      expect(bundle).toEqual({ profile: {}, sections: {}, unknown: [] });
      expect(problems).toEqual([{ path: '', message: expect.stringMatching(/^Not a zip archive/) }]);
    }
  });

  it('says so when the zip holds none of the files LinkedIn exports', () => {
    const { bundle, problems } = fromLinkedInArchive(zip({ 'photo.jpg': 'not a photo', 'notes.txt': 'hello' }));
    expect(bundle.unknown).toEqual(['photo.jpg', 'notes.txt']);
    expect(problems).toEqual([{ path: '', message: expect.stringMatching(/^No file this import reads/) }]);
  });

  it('never inflates past the size an entry declares', () => {
    const archive = zip({ 'Skills.csv': `Name\n${'A'.repeat(1_000_000)}\n` });
    const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
    let central = archive.length - 22;
    while (view.getUint32(central, true) !== 0x02014b50) central--;
    view.setUint32(central + 24, 12, true); // claims 12 bytes uncompressed
    const { bundle } = fromLinkedInArchive(archive);
    expect(entries(bundle, 'skills')).toMatchObject([{ name: 'AAAAAAA' }]);
  });

  it('stops reading once the files read would unpack past the archive’s limit', () => {
    // One cell each, just under the limit of one file: two fit, the third would pass the total.
    const big = (column: string) => `${column}\n${'x'.repeat(LINKEDIN_ARCHIVE_LIMITS.maxFileBytes - 100)}\n`;
    const { problems } = fromLinkedInArchive(
      zip({ 'Positions.csv': big('Company Name'), 'Education.csv': big('School Name'), 'Projects.csv': big('Title') }),
    );
    expect(problems).toContainEqual({
      path: 'Projects.csv',
      message: 'Left out: the files read would unpack to more than 20 MB',
    });
    expect(problems.filter((problem) => problem.message.includes('20 MB'))).toHaveLength(1);
  });

  it('looks at no more than the limit of entries', () => {
    const many = Object.fromEntries(Array.from({ length: LINKEDIN_ARCHIVE_LIMITS.maxEntries + 5 }, (_, i) => [`f${i}.txt`, '']));
    const { bundle, problems } = fromLinkedInArchive(zip({ 'Skills.csv': 'Name\nGo\n', ...many }));
    expect(problems).toContainEqual({ path: '', message: expect.stringMatching(/more than 2000 entries/) });
    expect(bundle.unknown).toHaveLength(LINKEDIN_ARCHIVE_LIMITS.maxEntries - 1);
    expect(entries(bundle, 'skills')).toMatchObject([{ name: 'Go' }]);
  });

  it('treats absolute, climbing and drive-letter names as unsafe, folders as fine', () => {
    for (const name of ['/etc/passwd', '\\x.csv', 'C:\\x.csv', 'a/../../b.csv', '..\\b.csv', 'a\u0007.csv'])
      expect(isUnsafeName(name)).toBe(true);
    for (const name of ['Profile.csv', 'Basic_LinkedInDataExport_03-12-2025/Positions.csv', 'a..b.csv'])
      expect(isUnsafeName(name)).toBe(false);
  });
});

describe('values as LinkedIn writes them', () => {
  it.each([
    ['2019', '2019'],
    ['Jan 2020', '2020-01'],
    ['Mar 2021', '2021-03'],
    ['September 2019', '2019-09'],
    ['Sept. 2019', '2019-09'],
    ['Jan 30, 2020', '2020-01-30'],
    ['18 Sep 2024', '2024-09-18'],
    ['2020-1', '2020-01'],
    ['1/2020', '2020-01'],
    ['2020年', '2020'],
    ['2020年1月', '2020-01'],
    ['2020年1月5日', '2020-01-05'],
  ])('reads %s as %s', (raw, value) => {
    expect(parseLinkedInDate(raw)).toEqual({ kind: 'date', value });
  });

  it('tells an empty date, one still going and one it cannot read apart', () => {
    expect(parseLinkedInDate('  ')).toEqual({ kind: 'none' });
    expect(parseLinkedInDate('Present')).toEqual({ kind: 'present' });
    expect(parseLinkedInDate('至今')).toEqual({ kind: 'present' });
    for (const raw of ['Feb 30, 2020', '1899', 'Dec 4', 'Jane 2020', '2020-13', '13/2020']) {
      expect(parseLinkedInDate(raw)).toEqual({ kind: 'invalid' });
    }
  });

  it('writes names in the order their script does', () => {
    expect(personName('Ada', 'Lovelace')).toBe('Ada Lovelace');
    expect(personName('明', '李')).toBe('李明');
    expect(personName('ひろし', '山田')).toBe('山田ひろし');
    expect(personName('민수', '김')).toBe('김민수');
    expect(personName('José', 'García Márquez')).toBe('José García Márquez');
    expect(personName('Cher', '')).toBe('Cher');
  });

  it('reads the Websites cell into labelled links', () => {
    expect(websiteLinks('')).toEqual([]);
    expect(websiteLinks('[https://a.example]')).toEqual([{ label: 'Website', url: 'https://a.example' }]);
    expect(websiteLinks('[RSS:https://a.example/feed,OTHER:https://b.example/x,y]')).toEqual([
      { label: 'Rss', url: 'https://a.example/feed' },
      { label: 'Other', url: 'https://b.example/x,y' },
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import {
  CAREER_SCHEMAS,
  CAREER_SECTIONS,
  type CareerDocument,
  type CareerEntry,
  type CareerEntryCreate,
  type CareerProfileFields,
  type CareerSection,
} from '@career-anchor/contracts';
import { emptyCareerProfile } from '../../src/formats/career-document.ts';

/** Career documents as the PDF résumé reads them, built without a database (tests and bench). */

type Sections = { [S in CareerSection]?: CareerEntryCreate<S>[] };

function entryOf<S extends CareerSection>(section: S, fields: CareerEntryCreate<S>, position: number): CareerEntry<S> {
  const created = CAREER_SCHEMAS[section].create.parse(fields);
  const now = '2026-12-01T00:00:00.000Z';
  return {
    // A position's `position` is its title (JSON Resume's name), which shadows the order number.
    ...(section === 'positions' ? {} : { position }),
    ...created,
    id: randomUUID(),
    importId: null,
    createdAt: now,
    updatedAt: now,
    ...(section === 'skills' ? { evidence: { achievements: { count: 0, ids: [] }, todos: { count: 0, ids: [] } } } : {}),
  } as unknown as CareerEntry<S>;
}

export function careerDocument(profile: Partial<CareerProfileFields> & { locale?: string }, sections: Sections): CareerDocument {
  const built = Object.fromEntries(
    CAREER_SECTIONS.map((section) => [
      section,
      ((sections[section] ?? []) as CareerEntryCreate[]).map((fields, index) => entryOf(section, fields as never, index + 1)),
    ]),
  ) as CareerDocument['sections'];
  return {
    profile: {
      ...emptyCareerProfile(),
      ...profile,
    },
    sections: built,
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const zh = (i: number) => i % 2 === 0;

/**
 * The heavy user's résumé: 15 positions with 6 highlights each, 5 education entries, 20 projects,
 * 40 skills and several entries in every other section, half English and half Chinese.
 */
export function heavyResume(): CareerDocument {
  return careerDocument(
    {
      displayName: 'Lin Wei 林伟',
      headline: 'Staff engineer · 资深工程师, distributed systems',
      summary:
        'Fifteen years building data platforms and developer tools across three continents.\n十五年来一直从事数据平台与开发者工具的建设，带领过二十人以上的团队，专注于可靠性与性能。',
      location: 'Shanghai 上海',
      email: 'lin.wei@example.com',
      phone: '+86 138 0000 0000',
      url: 'https://linwei.example.com',
      links: [
        { label: 'GitHub', url: 'https://github.com/linwei-example' },
        { label: '博客', url: 'https://blog.linwei.example.com/' },
      ],
    },
    {
      positions: range(15).map((i) => ({
        name: zh(i) ? `星辰科技有限公司 ${i}` : `Northwind Systems ${i}`,
        position: zh(i) ? `高级软件工程师（第 ${i} 段）` : `Senior Software Engineer, team ${i}`,
        location: zh(i) ? '北京' : 'Berlin, Germany',
        url: `https://company${i}.example.com`,
        startDate: `${2000 + i}-0${(i % 9) + 1}`,
        endDate: i === 15 ? null : `${2001 + i}`,
        current: i === 15,
        summary: zh(i)
          ? '负责核心交易系统的架构设计与性能优化，推动团队采用持续交付，缩短发布周期。'
          : 'Led the platform group that runs the company’s event pipeline, from ingestion to the warehouse.',
        highlights: range(6).map((h) =>
          zh(i)
            ? `将第 ${h} 个关键服务的延迟降低了 ${h * 7}%，并完善了监控与告警体系，减少夜间值班。`
            : `Cut p99 latency of critical service ${h} by ${h * 7}% by redesigning its caching layer and batching writes.`,
        ),
      })),
      education: range(5).map((i) => ({
        institution: zh(i) ? `清华大学 ${i}` : `Technical University ${i}`,
        area: zh(i) ? '计算机科学与技术' : 'Computer Science',
        studyType: zh(i) ? '硕士' : 'Bachelor of Science',
        startDate: `${1990 + i * 2}`,
        endDate: `${1992 + i * 2}-06`,
        score: '3.8/4.0',
        courses: ['Distributed Systems', '编译原理', 'Databases'],
        url: `https://university${i}.example.edu`,
      })),
      projects: range(20).map((i) => ({
        name: zh(i) ? `开源项目 ${i}` : `Open source project ${i}`,
        description: zh(i)
          ? '一个高性能的日志检索引擎，支持全文搜索与聚合分析。'
          : 'A log search engine with full-text search and aggregations.',
        highlights: [
          zh(i) ? '获得 2,000 颗星' : 'Reached 2,000 stars',
          zh(i) ? '被多家公司采用' : 'Adopted by several companies',
        ],
        keywords: ['Rust', 'Go', '搜索'],
        roles: [zh(i) ? '作者' : 'Author'],
        url: `https://github.com/example/project-${i}`,
        startDate: `${2010 + (i % 10)}-0${(i % 9) + 1}`,
        endDate: `${2011 + (i % 10)}`,
      })),
      skills: range(40).map((i) => ({
        name: zh(i) ? `技能 ${i}` : `Skill ${i}`,
        level: i % 3 === 0 ? null : i % 3 === 1 ? 'Expert' : '熟练',
        keywords: i % 4 === 0 ? [] : ['design', '调优'],
      })),
      certificates: range(5).map((i) => ({
        name: `Certified Engineer ${i} 认证`,
        issuer: 'Cloud Foundation',
        date: `2020-0${i}`,
        url: 'https://certs.example.com',
      })),
      awards: range(5).map((i) => ({
        title: zh(i) ? `年度优秀员工 ${i}` : `Engineer of the year ${i}`,
        awarder: 'Northwind',
        date: `${2015 + i}`,
        summary: '表彰在关键项目中的贡献。',
      })),
      publications: range(5).map((i) => ({
        name: `Scaling event pipelines, part ${i}`,
        publisher: zh(i) ? '程序员杂志' : 'ACM Queue',
        releaseDate: `${2018 + i}-03-1${i}`,
        url: `https://pubs.example.com/${i}`,
        summary: 'How we kept a million events a second flowing.',
      })),
      languages: [
        { language: 'Chinese 中文', fluency: 'Native' },
        { language: 'English', fluency: 'Fluent' },
        { language: 'German', fluency: 'Intermediate' },
        { language: '日本語', fluency: '初級' },
      ],
      volunteering: range(4).map((i) => ({
        organization: zh(i) ? `编程教育公益组织 ${i}` : `Code Club ${i}`,
        position: zh(i) ? '讲师' : 'Mentor',
        url: 'https://volunteer.example.org',
        startDate: `${2012 + i}`,
        endDate: `${2013 + i}`,
        summary: 'Taught programming to school children on weekends.',
        highlights: ['Ran 40 sessions', '编写了入门教材'],
      })),
      interests: range(4).map((i) => ({ name: zh(i) ? `围棋 ${i}` : `Climbing ${i}`, keywords: ['outdoors', '户外'] })),
      references: range(3).map((i) => ({
        name: `Ada Example ${i}`,
        reference: zh(i)
          ? '林伟是我合作过最可靠的工程师之一。'
          : 'Wei is one of the most dependable engineers I have worked with.',
      })),
    },
  );
}

/**
 * A résumé with two entries in every section and every field filled, in English or in Chinese,
 * with month-, year- and day-precision dates; `marks` lists, section by section, texts that
 * must appear in this order (the section's heading is checked by the test, from the words table).
 */
export function everySection(language: 'en' | 'zh-CN') {
  const en = language === 'en';
  const t = (english: string, chinese: string) => (en ? english : chinese);
  const doc = careerDocument(
    {
      displayName: t('Ada Lovelace', '李雪梅'),
      headline: t('Analyst of engines', '分析引擎的工程师'),
      summary: t('I write programs for engines that do not exist yet.', '我为尚不存在的机器编写程序。'),
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      url: 'https://ada.example.com',
      location: t('London', '伦敦'),
      links: [{ label: t('Notes', '笔记'), url: 'https://notes.example.com' }],
    },
    {
      positions: [
        {
          name: t('Analytical Engines Ltd', '分析机有限公司'),
          position: t('Chief Programmer', '首席程序员'),
          location: t('London', '伦敦'),
          url: 'https://engines.example.com',
          description: t('Builders of engines', '机器制造商'),
          startDate: '2019-06',
          current: true,
          summary: t('Wrote the first published algorithm.', '编写了第一个公开发表的算法。'),
          highlights: [t('Computed Bernoulli numbers', '计算了伯努利数'), t('Explained loops', '解释了循环')],
        },
        {
          name: t('Difference Works', '差分机工坊'),
          position: t('Translator', '翻译'),
          startDate: '2015',
          endDate: '2019-05-31',
          highlights: [t('Translated the Menabrea paper', '翻译了梅纳布雷亚的论文')],
        },
      ],
      education: [
        {
          institution: t('University of London', '伦敦大学'),
          area: t('Mathematics', '数学'),
          studyType: t('Private tutoring', '私人辅导'),
          startDate: '2010-09',
          endDate: '2014-06',
          score: 'A+',
          courses: [t('Calculus', '微积分'), t('Logic', '逻辑学')],
          url: 'https://london.example.edu',
        },
        { institution: t('Home School', '家庭学校'), area: t('Music', '音乐'), startDate: '2005', endDate: '2009' },
      ],
      projects: [
        {
          name: t('Note G', 'G 注释'),
          description: t('A program for the engine', '为分析机编写的程序'),
          highlights: [t('Fifty steps', '五十个步骤')],
          keywords: [t('algorithms', '算法')],
          roles: [t('Author', '作者')],
          entity: t('Royal Society', '皇家学会'),
          type: t('paper', '论文'),
          url: 'https://noteg.example.com',
          startDate: '2018-01',
          endDate: '2018-09',
        },
        { name: t('Flying machine', '飞行器'), description: t('Studied birds', '研究了鸟类'), startDate: '2012' },
      ],
      skills: [
        { name: t('Mathematics', '数学'), level: t('Master', '精通'), keywords: [t('calculus', '微积分')] },
        { name: t('Poetry', '诗歌'), level: null, keywords: [] },
      ],
      certificates: [
        {
          name: t('Engine Operator', '机器操作员'),
          issuer: t('Babbage Institute', '巴贝奇学院'),
          date: '2017-03',
          url: 'https://certs.example.com',
        },
        { name: t('Chess Master', '国际象棋大师'), issuer: t('Chess Club', '象棋俱乐部'), date: '2016' },
      ],
      awards: [
        {
          title: t('Lovelace Medal', '洛夫莱斯奖章'),
          awarder: t('Computing Society', '计算学会'),
          date: '2020-11',
          summary: t('For Note G', '表彰 G 注释'),
        },
        { title: t('Best Essay', '最佳论文'), awarder: t('Royal Society', '皇家学会'), date: '2013' },
      ],
      publications: [
        {
          name: t('Sketch of the Engine', '分析机概论'),
          publisher: t('Taylor Memoirs', '泰勒回忆录'),
          releaseDate: '2018-09-01',
          url: 'https://pubs.example.com/sketch',
          summary: t('Translation with notes', '附注释的译文'),
        },
        { name: t('On Poetical Science', '论诗意科学'), publisher: t('Self', '自行出版'), releaseDate: '2019' },
      ],
      languages: [
        { language: t('English', '英语'), fluency: t('Native', '母语') },
        { language: t('French', '法语'), fluency: t('Fluent', '流利') },
      ],
      volunteering: [
        {
          organization: t('Ragged Schools', '贫民学校'),
          position: t('Teacher', '教师'),
          url: 'https://schools.example.org',
          startDate: '2014-02',
          endDate: '2015-08',
          summary: t('Taught arithmetic', '教授算术'),
          highlights: [t('Forty pupils', '四十名学生')],
        },
        { organization: t('Library Circle', '图书馆之友'), position: t('Reader', '朗读者'), startDate: '2012' },
      ],
      interests: [
        { name: t('Horses', '马术'), keywords: [t('racing', '赛马')] },
        { name: t('Music', '音乐'), keywords: [t('harp', '竖琴')] },
      ],
      references: [
        {
          name: t('Charles Babbage', '查尔斯·巴贝奇'),
          reference: t('She understood the engine better than I did.', '她比我更懂这台机器。'),
        },
        { name: t('Mary Somerville', '玛丽·萨默维尔'), reference: t('A brilliant mind.', '才华横溢。') },
      ],
    },
  );
  const marks: Record<string, string[]> = {
    header: [t('Ada Lovelace', '李雪梅'), t('Analyst of engines', '分析引擎的工程师')],
    contact: ['ada@example.com', '+44 20 7946 0000', 'ada.example.com', t('London', '伦敦'), t('Notes', '笔记')],
    summary: [t('I write programs for engines that do not exist yet.', '我为尚不存在的机器编写程序。')],
    positions: [
      t('Chief Programmer', '首席程序员'),
      t('Analytical Engines Ltd', '分析机有限公司'),
      'engines.example.com',
      t('Builders of engines', '机器制造商'),
      t('Wrote the first published algorithm.', '编写了第一个公开发表的算法。'),
      t('Computed Bernoulli numbers', '计算了伯努利数'),
      t('Explained loops', '解释了循环'),
      t('Translator', '翻译'),
      t('Difference Works', '差分机工坊'),
      t('Translated the Menabrea paper', '翻译了梅纳布雷亚的论文'),
    ],
    education: [
      t('University of London', '伦敦大学'),
      t('Private tutoring · Mathematics', '私人辅导 · 数学'),
      'A+',
      t('Calculus, Logic', '微积分、逻辑学'),
      t('Home School', '家庭学校'),
    ],
    projects: [
      t('Note G', 'G 注释'),
      t('Royal Society', '皇家学会'),
      t('A program for the engine', '为分析机编写的程序'),
      t('Fifty steps', '五十个步骤'),
      t('algorithms', '算法'),
      t('Flying machine', '飞行器'),
      t('Studied birds', '研究了鸟类'),
    ],
    skills: [t('Mathematics', '数学'), t('Master', '精通'), t('calculus', '微积分'), t('Poetry', '诗歌')],
    certificates: [t('Engine Operator', '机器操作员'), t('Babbage Institute', '巴贝奇学院'), t('Chess Master', '国际象棋大师')],
    awards: [t('Lovelace Medal', '洛夫莱斯奖章'), t('For Note G', '表彰 G 注释'), t('Best Essay', '最佳论文')],
    publications: [
      t('Sketch of the Engine', '分析机概论'),
      t('Translation with notes', '附注释的译文'),
      t('On Poetical Science', '论诗意科学'),
    ],
    languages: [t('English', '英语'), t('Native', '母语'), t('French', '法语'), t('Fluent', '流利')],
    volunteering: [
      t('Teacher', '教师'),
      t('Ragged Schools', '贫民学校'),
      t('Taught arithmetic', '教授算术'),
      t('Forty pupils', '四十名学生'),
      t('Reader', '朗读者'),
    ],
    interests: [t('Horses', '马术'), t('racing', '赛马'), t('Music', '音乐'), t('harp', '竖琴')],
    references: [
      t('Charles Babbage', '查尔斯·巴贝奇'),
      t('She understood the engine better than I did.', '她比我更懂这台机器。'),
      t('Mary Somerville', '玛丽·萨默维尔'),
    ],
  };
  const dates = en
    ? ['Jun 2019 – Present', '2015 – 31 May 2019', 'Sep 2010 – Jun 2014', 'Mar 2017', '2016', 'Nov 2020', '1 Sep 2018']
    : ['2019年6月 – 至今', '2015 – 2019年5月31日', '2010年9月 – 2014年6月', '2017年3月', '2016', '2020年11月', '2018年9月1日'];
  return { doc, marks, dates };
}

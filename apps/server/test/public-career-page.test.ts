import { describe, expect, it } from 'vitest';
import { PublicProfile, type PublicCareer } from '@career-anchor/contracts';
import { renderPublicProfile } from '../src/pages/public-profile.page.ts';

const career: PublicCareer = {
  positions: [
    {
      name: 'Ledger & Co <b>',
      position: 'Staff engineer',
      url: 'https://ledger.example',
      location: 'Berlin',
      description: '',
      startDate: '2021-06',
      endDate: null,
      current: true,
      summary: 'Runs the billing platform.',
      highlights: ['Cut invoice errors by 80%', '<script>alert(1)</script>'],
    },
    {
      name: '字节跳动',
      position: '高级工程师',
      url: 'javascript:alert(1)',
      location: '北京',
      description: '',
      startDate: '2017',
      endDate: '2021',
      current: false,
      summary: '',
      highlights: [],
    },
  ],
  education: [
    {
      institution: 'TU Berlin',
      url: '',
      area: 'Computer Science',
      studyType: 'MSc',
      startDate: '2012',
      endDate: '2014-09',
      score: '',
      courses: ['Databases'],
    },
  ],
  skills: [{ name: 'PostgreSQL', level: null, keywords: ['SQL'] }],
  certificates: [{ name: 'CKA', issuer: 'CNCF', date: '2023-03', url: 'https://cncf.io/cka' }],
  languages: [{ language: 'German', fluency: 'Fluent' }],
};

const profile = PublicProfile.parse({
  handle: 'ada',
  displayName: 'Ada',
  headline: 'Engineer',
  locale: 'en',
  achievements: [],
  focusItems: [],
  plans: [],
  skills: [{ name: 'Leadership', count: 2 }],
  career,
  resumePdf: false,
});

describe('the public page’s career sections', () => {
  const html = renderPublicProfile({ ...profile, searchIndexable: false }, 'https://anchor.example/u/ada');

  it('shows each public section in a résumé’s order, entries in the person’s, dates at their precision', () => {
    const order = ['Experience', 'Education', 'Skills', 'Certificates', 'Languages'].map((h) => html.indexOf(`<h2>${h}</h2>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html.indexOf('Staff engineer')).toBeLessThan(html.indexOf('高级工程师'));
    expect(html).toContain('Jun 2021 – Present');
    expect(html).toContain('2017 – 2021');
    expect(html).toContain('2012 – Sep 2014');
    expect(html).not.toContain('2017-01');
  });

  it('escapes every piece of text and links only web addresses', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Ledger &amp; Co &lt;b&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://ledger.example"');
  });

  it('describes the person in schema.org JSON-LD: where they work, studied, what they know, credentials', () => {
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    const person = JSON.parse(json);
    expect(person['@type']).toBe('Person');
    expect(person.worksFor).toEqual([{ '@type': 'Organization', name: 'Ledger & Co <b>', url: 'https://ledger.example' }]);
    expect(person.alumniOf).toEqual([{ '@type': 'EducationalOrganization', name: 'TU Berlin' }]);
    expect(person.knowsAbout).toEqual(['PostgreSQL', 'Leadership']);
    expect(person.hasCredential[0]).toMatchObject({
      '@type': 'EducationalOccupationalCredential',
      name: 'CKA',
      recognizedBy: { '@type': 'Organization', name: 'CNCF' },
    });
    expect(person.knowsLanguage).toEqual([{ '@type': 'Language', name: 'German' }]);
    expect(json).not.toContain('<b>');
  });

  it('writes headings and dates in Chinese for a Chinese page', () => {
    const zh = renderPublicProfile({ ...profile, locale: 'zh-CN', searchIndexable: false }, 'https://anchor.example/u/ada');
    expect(zh).toContain('<h2>工作经历</h2>');
    expect(zh).toContain('2021年6月 – 至今');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { pdfInfo, pdfText } from './helpers/pdf-tools.ts';

let t: TestApp;
let api: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  api = as(t.app, await signUp(t.app, { displayName: '林晓' }));
  await api.put('/api/v1/profile', { locale: 'zh-CN', headline: '数据工程师' });
  await api.post('/api/v1/positions', {
    name: '阿里云',
    position: '高级工程师',
    startDate: '2020-03',
    current: true,
    highlights: ['首屏时间缩短 45%'],
  });
  await api.post('/api/v1/education', { institution: 'Tsinghua University', studyType: 'MSc', endDate: '2019' });
  await api.post('/api/v1/references', { name: 'Private Referee', reference: 'Kept private' });
});
afterAll(() => t.close());

const pdf = async (query = '') => {
  const res = await api.get(`/api/v1/export/resume.pdf${query}`);
  return { res, bytes: new Uint8Array(res.rawPayload) };
};

describe('GET /export/resume.pdf', () => {
  it('answers a PDF of the career in the profile’s language, selectable text, every entry', async () => {
    const { res, bytes } = await pdf();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="resume-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const text = pdfText(bytes);
    for (const expected of [
      '林晓',
      '工作经历',
      '高级工程师',
      '2020年3月',
      '至今',
      '首屏时间缩短 45%',
      'Tsinghua University',
      'Private Referee',
    ])
      expect(text).toContain(expected);
  });

  it('holds only public entries when asked, on the paper asked for, in either template', async () => {
    const { bytes } = await pdf('?entries=public&paper=letter&template=modern');
    expect(pdfText(bytes)).not.toContain('Private Referee');
    expect(pdfInfo(bytes).pageSize).toMatch(/612 x 792/);
  });

  it('refuses an unknown template or paper', async () => {
    expectProblem((await pdf('?template=fancy')).res, 400);
    expectProblem((await pdf('?paper=a3')).res, 400);
  });
});

// Quick add beyond the tables: removed chips, plan completion, and the date arithmetic of
// recurring to-dos across month ends and clock changes.
import { describe, expect, it } from 'vitest';
import { firstOccurrence, parseQuickAdd, planCompletions, todayIn, zonedDateTimeToInstant } from '@career-anchor/quick-add';
import { isValidRecurrence, nextOccurrence } from '@career-anchor/quick-add/occurrence';
import { PLANS } from './helpers/quick-add.ts';

const NOW = { now: new Date('2026-03-04T15:00:00Z'), timeZone: 'America/New_York', plans: PLANS };

describe('removing a chip keeps its text', () => {
  const text = 'Review RFC tomorrow 3pm #ledger !1';

  it('keeps the date literal and still reads the rest', () => {
    const first = parseQuickAdd(text, NOW);
    const date = first.spans.find((s) => s.kind === 'date')!;
    const kept = parseQuickAdd(text, { ...NOW, keep: [date] });
    expect(kept).toMatchObject({
      title: 'Review RFC tomorrow 3pm',
      dueOn: null,
      dueTime: null,
      tags: ['ledger'],
      priority: 'high',
    });
    expect(kept.spans.map((s) => s.kind)).toEqual(['tag', 'priority']);
  });

  it('keeps a tag literal', () => {
    const tag = parseQuickAdd(text, NOW).spans.find((s) => s.kind === 'tag')!;
    const kept = parseQuickAdd(text, { ...NOW, keep: [tag] });
    expect(kept).toMatchObject({ title: 'Review RFC #ledger', tags: [], dueOn: '2026-03-05', priority: 'high' });
  });

  it('does not join words across a kept chip', () => {
    // With "#x" kept between them, "tomorrow" and "3pm" are two chips, not one.
    const t = 'Call tomorrow #x 3pm';
    const tag = parseQuickAdd(t, NOW).spans.find((s) => s.kind === 'tag')!;
    const kept = parseQuickAdd(t, { ...NOW, keep: [tag] });
    expect(kept.spans.map((s) => `${s.kind}:${t.slice(s.start, s.end)}`)).toEqual(['date:tomorrow', 'time:3pm']);
    expect(kept).toMatchObject({ title: 'Call #x', dueOn: '2026-03-05', dueTime: '15:00' });
  });

  it('keeps everything literal when every chip is removed', () => {
    const all = parseQuickAdd(text, NOW).spans;
    expect(parseQuickAdd(text, { ...NOW, keep: all })).toMatchObject({
      title: text,
      spans: [],
      dueOn: null,
      tags: [],
      priority: null,
    });
  });
});

describe('plan completion', () => {
  it('offers plans starting with what was typed after +, then those containing it', () => {
    const text = 'Reconcile +led';
    expect(planCompletions(text, text.length, PLANS)).toEqual({
      start: 10,
      end: 14,
      query: 'led',
      options: [
        { id: 'plan-ledger', name: 'Ledger', insert: '+Ledger' },
        { id: 'plan-migration', name: 'Ledger migration', insert: '+"Ledger migration"' },
      ],
    });
    expect(planCompletions('x +igr', 6, PLANS)?.options.map((o) => o.id)).toEqual(['plan-migration']);
  });

  it('replaces the whole word under the cursor and reads Chinese names', () => {
    const text = '背单词 +学习 明天';
    const c = planCompletions(text, 6, PLANS)!;
    expect(text.slice(c.start, c.end)).toBe('+学习');
    expect(c.options).toEqual([{ id: 'plan-study', name: '学习计划', insert: '+学习计划' }]);
  });

  it('reads a quoted name being typed and the bare +', () => {
    expect(planCompletions('a +"Ledger mi', 13, PLANS)?.options.map((o) => o.id)).toEqual(['plan-migration']);
    expect(planCompletions('a +', 3, PLANS)?.options).toHaveLength(PLANS.length);
  });

  it('is null away from a plan token', () => {
    expect(planCompletions('C++ refresher', 3, PLANS)).toBeNull();
    expect(planCompletions('a +led more', 11, PLANS)).toBeNull();
    expect(planCompletions('plain text', 5, PLANS)).toBeNull();
  });

  it('completes to a text the parser reads back as that plan', () => {
    for (const option of planCompletions('x +', 3, PLANS)!.options) {
      expect(parseQuickAdd(`Do ${option.insert} soon`, NOW).planId).toBe(option.id);
    }
  });
});

describe('next occurrence', () => {
  const cases: [rule: string, dtstart: string, after: string, next: string | null][] = [
    // Month ends: BYMONTHDAY=31 skips months without a 31st (RFC 5545), -1 is every month's last day.
    ['FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31', '2026-01-31', '2026-03-31'],
    ['FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31', '2026-03-31', '2026-05-31'],
    ['FREQ=MONTHLY', '2026-01-31', '2026-01-31', '2026-03-31'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31', '2026-01-31', '2026-02-28'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31', '2026-02-28', '2026-03-31'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-31', '2028-01-31', '2028-02-29'],
    ['FREQ=MONTHLY;BYMONTHDAY=30', '2026-01-30', '2026-01-30', '2026-03-30'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', '2026-01-15', '2026-12-20', '2027-01-15'],
    ['FREQ=YEARLY', '2024-02-29', '2024-02-29', '2028-02-29'],
    // Across New York's spring-forward (2026-03-08) and fall-back (2026-11-01): still every Monday, every day.
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-02', '2026-03-02', '2026-03-09'],
    ['FREQ=WEEKLY;BYDAY=SU', '2026-03-01', '2026-03-01', '2026-03-08'],
    ['FREQ=DAILY', '2026-03-01', '2026-03-07', '2026-03-08'],
    ['FREQ=DAILY', '2026-10-01', '2026-10-31', '2026-11-01'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-03-09', '2026-03-09', '2026-03-23'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-03-06', '2026-03-06', '2026-03-09'],
    // Ended rules have no next occurrence.
    ['FREQ=DAILY;COUNT=2', '2026-03-01', '2026-03-02', null],
    ['FREQ=DAILY;UNTIL=20260305', '2026-03-01', '2026-03-05', null],
  ];
  for (const [rule, dtstart, after, next] of cases) {
    it(`${rule} from ${dtstart}, after ${after} → ${next}`, () => {
      expect(nextOccurrence(rule, after, dtstart)).toBe(next);
    });
  }

  it('counts the interval from the first occurrence, which ignores it', () => {
    // Typed on Wednesday 2026-03-04: next Monday, then every other Monday from there.
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO';
    const first = firstOccurrence(rule, '2026-03-04')!;
    expect(first).toBe('2026-03-09');
    expect(nextOccurrence(rule, first, first)).toBe('2026-03-23');
    expect(firstOccurrence('FREQ=MONTHLY;BYMONTHDAY=31', '2026-04-01')).toBe('2026-05-31');
  });

  it('starts where rrule would, for every rule quick add writes', () => {
    const rules = [
      'FREQ=DAILY',
      'FREQ=WEEKLY',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      'FREQ=WEEKLY;BYDAY=SA,SU',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      'FREQ=MONTHLY',
      'FREQ=MONTHLY;BYMONTHDAY=15',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      'FREQ=YEARLY',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
    ];
    for (const from of ['2026-01-31', '2026-02-28', '2026-03-04', '2026-12-31', '2028-02-29']) {
      for (const rule of rules) {
        const withoutInterval = rule.replace(';INTERVAL=2', '');
        expect(firstOccurrence(rule, from), `${rule} from ${from}`).toBe(nextOccurrence(withoutInterval, from, from, true));
      }
    }
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['', 'FREQ=SOMETIMES', 'DTSTART:20260101\nRRULE:FREQ=DAILY', 'BYDAY=MO', 'FREQ=DAILY;BYDAY=XX']) {
      expect(isValidRecurrence(bad)).toBe(false);
      expect(nextOccurrence(bad, '2026-03-01', '2026-03-01')).toBeNull();
    }
    expect(nextOccurrence('FREQ=DAILY', '2026-02-30x', '2026-03-01')).toBeNull();
    expect(isValidRecurrence('RRULE:FREQ=WEEKLY;BYDAY=MO')).toBe(true);
  });
});

describe('due times as instants', () => {
  it('keeps 09:00 at 09:00 on the wall across a clock change', () => {
    const zone = 'America/New_York';
    expect(zonedDateTimeToInstant('2026-03-06', '09:00', zone).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-03-09', '09:00', zone).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-10-30', '09:00', zone).toISOString()).toBe('2026-10-30T13:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-02', '09:00', zone).toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('moves a skipped time past the gap and takes the first of a repeated one', () => {
    const zone = 'America/New_York';
    expect(zonedDateTimeToInstant('2026-03-08', '02:30', zone).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-01', '01:30', zone).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads zones without daylight saving and east of UTC', () => {
    expect(zonedDateTimeToInstant('2026-03-05', '07:30', 'Asia/Shanghai').toISOString()).toBe('2026-03-04T23:30:00.000Z');
    expect(zonedDateTimeToInstant('2026-03-05', '00:00', 'Asia/Kolkata').toISOString()).toBe('2026-03-04T18:30:00.000Z');
    expect(todayIn(new Date('2026-03-04T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-05');
    expect(todayIn(new Date('2026-03-04T23:30:00Z'), 'America/New_York')).toBe('2026-03-04');
  });
});

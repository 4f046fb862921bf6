import { expect, it } from 'vitest';
import { parseQuickAdd, type QuickAddOptions, type QuickAddResult } from '@career-anchor/quick-add';
import { isValidRecurrence } from '@career-anchor/quick-add/occurrence';

/** What a case expects; anything left out must be empty (no date, no tags, title = the text). */
export type Expected = Partial<Omit<QuickAddResult, 'spans'>> & {
  /** Chips as `kind:typed text`, left to right. */
  spans?: string[];
};
export type Case = [text: string, expected: Expected, options?: Partial<QuickAddOptions>];

export const PLANS = [
  { id: 'plan-ledger', name: 'Ledger' },
  { id: 'plan-migration', name: 'Ledger migration' },
  { id: 'plan-study', name: '学习计划' },
  { id: 'plan-thesis', name: 'Thesis' },
];

/** Runs one table: every field of every answer is compared, and every chip is checked against the text. */
export function runTable(cases: readonly Case[], defaults: QuickAddOptions): void {
  for (const [text, expected, options] of cases) {
    it(JSON.stringify(text), () => {
      const result = parseQuickAdd(text, { plans: PLANS, ...defaults, ...options });
      const { spans, ...rest } = result;
      expect(rest).toEqual({
        title: text.replace(/\s+/g, ' ').trim(),
        dueOn: null,
        dueTime: null,
        tags: [],
        priority: null,
        important: false,
        planId: null,
        recurrence: null,
        ...withoutSpans(expected),
      });
      if (result.recurrence) expect(isValidRecurrence(result.recurrence)).toBe(true);
      expect(spans.map((s) => `${s.kind}:${text.slice(s.start, s.end)}`)).toEqual(expected.spans ?? []);
      for (const [i, s] of spans.entries()) {
        const typed = text.slice(s.start, s.end);
        expect(typed.trim()).toBe(typed);
        if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      }
    });
  }
}

function withoutSpans(expected: Expected): Omit<Expected, 'spans'> {
  const { spans: _spans, ...rest } = expected;
  return rest;
}

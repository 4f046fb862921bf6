import { recurrenceProblem, type Subtask } from '@career-anchor/contracts';
import { uuidv7 } from '../lib/ids.ts';
import { badRequest } from '../lib/problem.ts';
import type { TodoRow } from '../repositories/todos.repository.ts';

/** A subtask as written: one the to-do has keeps its id; a new one (or an id it does not have) gets one. */
export function withSubtaskIds(
  input: { id?: string | undefined; title: string; done: boolean }[],
  current: Subtask[] = [],
): Subtask[] {
  const known = new Set(current.map((subtask) => subtask.id));
  const used = new Set<string>();
  return input.map(({ id, title, done }) => {
    const kept = id && known.has(id) && !used.has(id) ? id : uuidv7();
    used.add(kept);
    return { id: kept, title, done };
  });
}

/** The fields of a to-do that a write may change and the rules below look at. */
export interface TodoChanges {
  dueOn?: string | null | undefined;
  dueTime?: string | null | undefined;
  recurrence?: string | null | undefined;
  remindBefore?: number | null | undefined;
}

/** What a write of `changes` also sets on the row, following the rules of dates, times and series. */
export interface DerivedFields {
  dueTime?: string | null;
  seriesId?: string | null;
  seriesStart?: string | null;
  reminderSentAt?: null;
}

/**
 * The rules a to-do's date, time and recurrence keep together, for a new to-do (`row` undefined,
 * `id` its id to be) or a change to one:
 *
 * - a time needs a date; taking the date away takes the time with it, unless a time is given too
 *   (then the write is refused);
 * - a rule needs a date, and must be able to give a day from it;
 * - a new or changed rule, or a new date on a recurring to-do, starts the series again from that
 *   date ("this and following": occurrences already done are rows of their own and keep theirs);
 *   a to-do that starts recurring starts a series under its own id;
 * - a new date, time or reminder offset makes the timed reminder due again.
 *
 * Throws a 400 problem naming the field (under `prefix`, for bulk changes).
 */
export function deriveFields(id: string, row: TodoRow | undefined, changes: TodoChanges, prefix = ''): DerivedFields {
  const dueOn = changes.dueOn !== undefined ? changes.dueOn : (row?.dueOn ?? null);
  const recurrence = changes.recurrence !== undefined ? changes.recurrence : (row?.recurrence ?? null);
  const derived: DerivedFields = {};
  if (!dueOn) {
    if (changes.dueTime)
      throw badRequest('A due time needs a due date.', [
        { path: `${prefix}dueTime`, message: 'A due time needs a due date (dueOn)' },
      ]);
    if (row?.dueTime && changes.dueTime === undefined) derived.dueTime = null;
    if (recurrence) {
      throw badRequest('A recurring to-do needs a due date.', [
        {
          path: `${prefix}${changes.dueOn === null ? 'dueOn' : 'recurrence'}`,
          message: 'A recurring to-do needs a due date: remove its recurrence first',
        },
      ]);
    }
  }
  const restarts =
    recurrence && (changes.recurrence !== undefined || (changes.dueOn !== undefined && changes.dueOn !== row?.dueOn));
  if (restarts) {
    const problem = recurrenceProblem(recurrence, dueOn!);
    if (problem)
      throw badRequest('The recurrence never gives a day from this due date.', [
        { path: `${prefix}recurrence`, message: problem },
      ]);
    derived.seriesId = row?.seriesId ?? id;
    derived.seriesStart = dueOn;
  }
  if (row && (changes.dueOn !== undefined || changes.dueTime !== undefined || changes.remindBefore !== undefined)) {
    derived.reminderSentAt = null;
  }
  return derived;
}

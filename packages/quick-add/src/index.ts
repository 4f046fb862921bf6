export { parseQuickAdd, type QuickAddOptions, type QuickAddResult, type Span, type SpanKind } from './parse.ts';
export { planCompletions, type Plan, type PlanCompletion, type Priority, TAG_MAX } from './tokens.ts';
export { nextOccurrence, firstOccurrence, isValidRecurrence } from './occurrence.ts';
export { todayIn, wallClock, zonedDateTimeToInstant, addDays, isValidTimeZone, type WallClock } from './zone.ts';

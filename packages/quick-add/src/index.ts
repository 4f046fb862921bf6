// The quick-add parser, shared by the browser (live chips) and the server (POST /todos/parse).
// Stepping through recurrences needs the rrule library; it lives at
// '@career-anchor/quick-add/occurrence' so the browser does not load it for parsing.
export { parseQuickAdd, type QuickAddOptions, type QuickAddResult, type Span, type SpanKind } from './parse.ts';
export { planCompletions, type Plan, type PlanCompletion, type Priority, TAG_MAX } from './tokens.ts';
export { firstOccurrence } from './first-occurrence.ts';
export { todayIn, wallClock, zonedDateTimeToInstant, addDays, isValidTimeZone, type WallClock } from './zone.ts';

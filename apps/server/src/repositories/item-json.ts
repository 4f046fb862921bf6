/**
 * Items as their API shape, built by PostgreSQL as JSON: the hot read paths (lists and the
 * anchor page) take one `json` column per item instead of rows that Drizzle maps field by field
 * and a second query for the tags. Each expression reads the table under its own name, so it fits
 * any `select … from <table>`; the services' `toDto` functions stay the reference for single
 * items, and a test holds the two to the same answers.
 *
 * Timestamps are formatted as `Date#toISOString` does (UTC, milliseconds cut, not rounded, as
 * both drivers cut them when they make a Date); dates, numbers and booleans are what `to_json`
 * gives, which is what the drivers give.
 */
export const isoTimestamp = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The item's tag names, alphabetical ignoring case, as a JSON array: the copy each item row keeps. */
export const tagNames = (table: string) => `to_json(${table}.tag_names)`;

export const TODO_JSON = `json_build_object(
  'id', todos.id, 'title', todos.title, 'notes', todos.notes, 'dueOn', todos.due_on, 'dueTime', todos.due_time,
  'priority', todos.priority, 'important', todos.important, 'planId', todos.plan_id, 'tags', ${tagNames('todos')},
  'status', todos.status, 'completedAt', ${isoTimestamp('todos.completed_at')}, 'summary', todos.summary,
  'recurrence', todos.recurrence, 'seriesId', todos.series_id, 'subtasks', todos.subtasks,
  'remindBefore', todos.remind_before, 'position', todos.position,
  'createdAt', ${isoTimestamp('todos.created_at')}, 'updatedAt', ${isoTimestamp('todos.updated_at')})`;

/** Progress and counts are the plan's stored facts (see repositories/facts.ts): nothing is counted here. */
export const PLAN_JSON = `json_build_object(
  'id', plans.id, 'title', plans.title, 'description', plans.description, 'targetDate', plans.target_date,
  'status', plans.status, 'progress', plans.progress, 'progressOverride', plans.progress_override,
  'todoCounts', json_build_object('total', plans.todo_total, 'done', plans.todo_done),
  'tags', ${tagNames('plans')}, 'isPublic', plans.is_public,
  'createdAt', ${isoTimestamp('plans.created_at')}, 'updatedAt', ${isoTimestamp('plans.updated_at')})`;

export const ACHIEVEMENT_JSON = `json_build_object(
  'id', achievements.id, 'title', achievements.title, 'description', achievements.description,
  'quantifiableResults', achievements.quantifiable_results, 'skills', achievements.skills,
  'achievedOn', achievements.achieved_on, 'tags', ${tagNames('achievements')},
  'isPublic', achievements.is_public, 'source', achievements.source,
  'positionId', achievements.position_id, 'projectId', achievements.project_id,
  'createdAt', ${isoTimestamp('achievements.created_at')}, 'updatedAt', ${isoTimestamp('achievements.updated_at')})`;

export const FOCUS_ITEM_JSON = `json_build_object(
  'id', focus_items.id, 'title', focus_items.title, 'description', focus_items.description,
  'status', focus_items.status, 'progress', focus_items.progress, 'tags', ${tagNames('focus_items')},
  'isPublic', focus_items.is_public,
  'createdAt', ${isoTimestamp('focus_items.created_at')}, 'updatedAt', ${isoTimestamp('focus_items.updated_at')})`;

import { addDays, formatDay, todayLocal } from './format.js';
import { m } from './i18n.js';
import { priorityLabel } from './labels.js';
import type { Todo } from './todos.js';

/** The to-do page's views; the server decides what each holds (TodoQuery `view`). */
export const VIEWS = ['today', 'upcoming', 'overdue', 'inbox', 'all'] as const;
export type TodoView = (typeof VIEWS)[number];
export const SORTS = ['manual', 'due', 'priority', 'created', 'plan'] as const;
export type TodoSort = (typeof SORTS)[number];
export const GROUPS = ['none', 'plan', 'tag', 'priority', 'day'] as const;
export type TodoGroup = (typeof GROUPS)[number];

export interface ViewPrefs {
  sort: TodoSort;
  group: TodoGroup;
}

const DEFAULTS: Record<TodoView, ViewPrefs> = {
  today: { sort: 'due', group: 'none' },
  upcoming: { sort: 'due', group: 'day' },
  overdue: { sort: 'due', group: 'none' },
  inbox: { sort: 'manual', group: 'none' },
  all: { sort: 'manual', group: 'none' },
};

const key = (view: TodoView) => `career-anchor:todos:${view}`;

/** The sort and grouping last chosen for this view, in this browser. */
export function readPrefs(view: TodoView): ViewPrefs {
  try {
    const saved = JSON.parse(localStorage.getItem(key(view)) ?? 'null') as Partial<ViewPrefs> | null;
    return {
      sort: SORTS.includes(saved?.sort as TodoSort) ? (saved?.sort as TodoSort) : DEFAULTS[view].sort,
      group: GROUPS.includes(saved?.group as TodoGroup) ? (saved?.group as TodoGroup) : DEFAULTS[view].group,
    };
  } catch {
    return DEFAULTS[view];
  }
}

export function savePrefs(view: TodoView, prefs: ViewPrefs) {
  try {
    localStorage.setItem(key(view), JSON.stringify(prefs));
  } catch {
    // Storage blocked: the choice lasts until the page is left.
  }
}

export const viewLabel = (view: TodoView) =>
  ({
    today: m.todos_view_today,
    upcoming: m.todos_view_upcoming,
    overdue: m.todos_view_overdue,
    inbox: m.todos_view_inbox,
    all: m.todos_view_all,
  })[view]();

export const sortLabel = (sort: TodoSort) =>
  ({
    manual: m.todos_sort_manual,
    due: m.todos_sort_due,
    priority: m.todos_sort_priority,
    created: m.todos_sort_created,
    plan: m.todos_sort_plan,
  })[sort]();

export const groupLabel = (group: TodoGroup) =>
  ({
    none: m.todos_group_none,
    plan: m.todos_group_plan,
    tag: m.todos_group_tag,
    priority: m.todos_group_priority,
    day: m.todos_group_day,
  })[group]();

/** The due date a to-do added in this view gets when its text names none: it lands in the view. */
export function defaultDueOn(view: TodoView, today = todayLocal()): string | null {
  if (view === 'today') return today;
  if (view === 'upcoming') return addDays(today, 1);
  return null;
}

/** Whether a to-do belongs in the view by its date; the server's rule, for the one just added. */
export function inView(todo: Todo, view: TodoView, today = todayLocal()): boolean {
  const due = todo.dueOn;
  if (view === 'all') return true;
  if (todo.status !== 'open') return false;
  if (view === 'inbox') return !due;
  if (!due) return false;
  if (view === 'today') return due <= today;
  if (view === 'overdue') return due < today;
  return due > today && due <= addDays(today, 7);
}

const PRIORITY_ORDER = { high: 0, normal: 1, low: 2 } as const;

/**
 * The list in groups: the items reordered so each group's rows follow one another (the server's
 * order kept inside a group), and the heading that starts each group, by the id of its first row.
 * A to-do with several tags goes under the first in alphabetical order.
 */
export function groupTodos(
  items: Todo[],
  group: TodoGroup,
  planTitles: Map<string, string>,
): { items: Todo[]; heads: Map<string, string> } {
  if (group === 'none') return { items, heads: new Map() };
  const groupOf = (todo: Todo): { rank: string; label: string } => {
    if (group === 'day')
      return todo.dueOn
        ? { rank: todo.dueOn, label: formatDay(todo.dueOn, 'long') }
        : { rank: '~', label: m.todos_group_no_date() };
    if (group === 'priority') return { rank: String(PRIORITY_ORDER[todo.priority]), label: priorityLabel(todo.priority) };
    if (group === 'plan') {
      const title = todo.planId ? planTitles.get(todo.planId) : undefined;
      return title ? { rank: title.toLocaleLowerCase(), label: title } : { rank: '\uffff', label: m.todo_no_plan() };
    }
    const tag = [...todo.tags].sort((a, b) => a.localeCompare(b))[0];
    return tag ? { rank: tag.toLocaleLowerCase(), label: `#${tag}` } : { rank: '\uffff', label: m.todos_group_no_tag() };
  };
  const tagged = items.map((todo, index) => ({ todo, index, ...groupOf(todo) }));
  tagged.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.index - b.index));
  const heads = new Map<string, string>();
  let last: string | null = null;
  for (const entry of tagged) {
    if (entry.rank !== last) heads.set(entry.todo.id, entry.label);
    last = entry.rank;
  }
  return { items: tagged.map((entry) => entry.todo), heads };
}

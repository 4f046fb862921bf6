import { addDays, todayLocal } from './format.js';
import type { Todo } from './todos.js';
import { VIEWS, inView, type TodoSort, type TodoView } from './todo-views.js';

/** The to-do list's view and filters live in the address, so a reload, a link or Back keeps them. */
export interface TodoFilters {
  view: TodoView;
  status: 'open' | 'done' | 'all';
  planId: string;
  tag: string;
  due: '' | 'overdue' | 'today' | 'week' | 'none';
  important: boolean;
  q: string;
}

const DUE = ['overdue', 'today', 'week', 'none'] as const;

export function parseFilters(params: Pick<URLSearchParams, 'get'>): TodoFilters {
  const status = params.get('status');
  const due = params.get('due') as TodoFilters['due'];
  const view = params.get('view') as TodoView;
  return {
    view: VIEWS.includes(view) ? view : 'all',
    status: status === 'done' || status === 'all' ? status : 'open',
    planId: params.get('planId') ?? '',
    tag: params.get('tag') ?? '',
    due: (DUE as readonly string[]).includes(due) ? due : '',
    important: params.get('important') === 'true',
    q: params.get('q') ?? '',
  };
}

export function filtersToSearch(filters: TodoFilters): string {
  const params = new URLSearchParams();
  if (filters.view !== 'all') params.set('view', filters.view);
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.planId) params.set('planId', filters.planId);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.due) params.set('due', filters.due);
  if (filters.important) params.set('important', 'true');
  if (filters.q) params.set('q', filters.q);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Filters that narrow the list beyond open/done. */
export const isNarrowed = (f: TodoFilters) => Boolean(f.planId || f.tag || f.due || f.important || f.q);

/** Whether a to-do (one just added or changed) belongs in the list as filtered; undefined when only the server can tell. */
export function fitsFilters(todo: Todo, f: TodoFilters, sort: TodoSort): boolean | undefined {
  if (f.status === 'done' || !inView(todo, f.view)) return false;
  if (f.planId && todo.planId !== f.planId) return false;
  if (f.important && !todo.important) return false;
  if (f.tag && !todo.tags.some((tag) => tag.toLowerCase() === f.tag.toLowerCase())) return false;
  const today = todayLocal();
  if (f.due === 'overdue') return false;
  if (f.due === 'today' && todo.dueOn !== today) return false;
  if (f.due === 'week' && !(todo.dueOn && todo.dueOn >= today && todo.dueOn <= addDays(today, 6))) return false;
  if (f.due === 'none' && todo.dueOn) return false;
  // In an order other than the hand-made one, only the server knows where it goes.
  return f.q || sort !== 'manual' ? undefined : true;
}

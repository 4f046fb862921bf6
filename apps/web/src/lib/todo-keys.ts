import { m } from './i18n.js';

/** What a key does in the to-do list. */
export type ListCommand =
  | 'next'
  | 'prev'
  | 'moveUp'
  | 'moveDown'
  | 'select'
  | 'selectAll'
  | 'clearSelection'
  | 'open'
  | 'edit'
  | 'complete'
  | 'due'
  | 'tags'
  | 'delete'
  | 'menu';

const plain = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey;
const key =
  (...names: string[]) =>
  (event: KeyboardEvent) =>
    plain(event) && !event.shiftKey && names.includes(event.key);

const apple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The list's keys, once: `match` reads a key press, `keys` is how the shortcuts dialog writes it.
 * They act on the row that has focus, never while typing in a field.
 */
export const LIST_KEYS: {
  command: ListCommand;
  keys: string[];
  label: () => string;
  match: (event: KeyboardEvent) => boolean;
}[] = [
  { command: 'next', keys: ['j', '↓'], label: m.keys_next, match: key('j', 'ArrowDown') },
  { command: 'prev', keys: ['k', '↑'], label: m.keys_prev, match: key('k', 'ArrowUp') },
  {
    command: 'moveUp',
    keys: ['Alt+↑'],
    label: m.keys_move_up,
    match: (e) => e.altKey && !e.ctrlKey && !e.metaKey && e.key === 'ArrowUp',
  },
  {
    command: 'moveDown',
    keys: ['Alt+↓'],
    label: m.keys_move_down,
    match: (e) => e.altKey && !e.ctrlKey && !e.metaKey && e.key === 'ArrowDown',
  },
  { command: 'select', keys: ['x'], label: m.keys_select, match: key('x') },
  {
    command: 'selectAll',
    keys: [apple ? '⌘A' : 'Ctrl+A'],
    label: m.keys_select_all,
    match: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a',
  },
  { command: 'clearSelection', keys: ['Esc'], label: m.keys_clear_selection, match: key('Escape') },
  { command: 'open', keys: ['Enter'], label: m.keys_open, match: key('Enter') },
  { command: 'edit', keys: ['e'], label: m.keys_edit, match: key('e') },
  { command: 'complete', keys: ['c'], label: m.keys_complete, match: key('c') },
  { command: 'due', keys: ['d'], label: m.keys_due, match: key('d') },
  { command: 'tags', keys: ['t'], label: m.keys_tags, match: key('t') },
  { command: 'delete', keys: ['Delete', 'Backspace'], label: m.keys_delete, match: key('Delete', 'Backspace') },
  {
    command: 'menu',
    keys: ['Shift+F10'],
    label: m.keys_menu,
    match: (e) => (e.shiftKey && e.key === 'F10') || (plain(e) && e.key === 'ContextMenu'),
  },
];

/** Keys that work anywhere on the page, shown in the same dialog. */
export const PAGE_KEYS: { keys: string[]; label: () => string }[] = [
  { keys: ['n'], label: m.keys_new },
  { keys: [apple ? '⌘K' : 'Ctrl+K', '/'], label: m.keys_palette },
  { keys: [apple ? '⌘Z' : 'Ctrl+Z'], label: m.keys_undo },
  { keys: ['?'], label: m.keys_help },
];

export function listCommand(event: KeyboardEvent): ListCommand | null {
  return LIST_KEYS.find((entry) => entry.match(event))?.command ?? null;
}

import { goto } from '$app/navigation';
import { parseQuickAdd } from '@career-anchor/quick-add';
import { LOCALE_NAMES, getLocale, locales, m } from '#lib/i18n.js';
import { changeLocale } from '#lib/locale.js';
import { NAV_ITEMS } from '#lib/nav.js';
import { THEMES, getTheme, setTheme, type Theme } from '#lib/theme.js';
import { toast } from '#lib/toast.svelte.js';
import { createTodo } from '#lib/todos.js';
import { toastError } from '#lib/undo.js';

/** Something the palette can do rather than open: go somewhere, switch a setting, add a to-do. */
export interface Command {
  id: string;
  label: string;
  run: () => unknown;
}

const themeName = (theme: Theme) => ({ system: m.theme_system, light: m.theme_light, dark: m.theme_dark })[theme]();

function fixedCommands(): Command[] {
  return [
    ...NAV_ITEMS.map((item) => ({
      id: `go:${item.href}`,
      label: m.command_go({ page: item.label() }),
      run: () => goto(item.href),
    })),
    ...locales
      .filter((locale) => locale !== getLocale())
      .map((locale) => ({
        id: `lang:${locale}`,
        label: m.command_language({ language: LOCALE_NAMES[locale] ?? locale }),
        run: () => changeLocale(locale),
      })),
    ...THEMES.filter((theme) => theme !== getTheme()).map((theme) => ({
      id: `theme:${theme}`,
      label: m.command_theme({ theme: themeName(theme) }),
      run: () => {
        setTheme(theme);
        toast(m.command_theme_done({ theme: themeName(theme) }));
      },
    })),
  ];
}

/** Adds a to-do from palette text, read by quick add (dates, #tags, !1…) like the to-do page's box. */
async function addTodo(text: string) {
  const parsed = parseQuickAdd(text, {
    now: new Date(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: getLocale().startsWith('zh') ? 'zh' : 'en',
  });
  const title = parsed.title.trim() || text;
  try {
    const todo = await createTodo(title, {
      dueOn: parsed.dueOn,
      dueTime: parsed.dueOn ? parsed.dueTime : null,
      tags: parsed.tags,
      priority: parsed.priority ?? 'normal',
      important: parsed.important,
      recurrence: parsed.recurrence,
      afterId: null,
    });
    toast(m.command_todo_added({ title }), {
      action: { label: m.command_todo_open(), run: () => goto(`/todos?focus=${todo.id}`) },
    });
  } catch (err) {
    toastError(err);
  }
}

/** The commands that match what is typed (all of them when nothing is), and “New to-do: …” for any text. */
export function matchCommands(query: string): Command[] {
  const q = query.trim().toLocaleLowerCase();
  const fixed = fixedCommands();
  if (!q) return fixed;
  const words = q.split(/\s+/);
  const matching = fixed.filter((command) => words.every((word) => command.label.toLocaleLowerCase().includes(word)));
  const text = query.trim();
  return [...matching, { id: 'new-todo', label: m.command_new_todo({ text }), run: () => addTodo(text) }];
}

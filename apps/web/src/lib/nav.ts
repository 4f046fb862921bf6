import { m } from './i18n.js';
import { pending } from './suggestions.svelte.js';

/**
 * The app's sections, in menu order. A new page adds one line here; `count` shows a number beside it;
 * `also` lists other paths that belong to the section.
 */
export const NAV_ITEMS: {
  href: string;
  label: () => string;
  count?: () => { text: string; label: string } | null;
  also?: string[];
}[] = [
  { href: '/', label: m.nav_anchor },
  { href: '/todos', label: m.nav_todos },
  { href: '/plans', label: m.nav_plans },
  { href: '/achievements', label: m.nav_achievements },
  { href: '/career', label: m.nav_career },
  { href: '/reports', label: m.nav_reports },
  { href: '/insights', label: m.nav_insights },
  { href: '/progress', label: m.nav_progress },
  {
    href: '/suggestions',
    label: m.nav_suggestions,
    count: () => {
      if (!pending.items.length) return null;
      const text = `${pending.items.length}${pending.more ? '+' : ''}`;
      return { text, label: m.nav_suggestions_waiting({ count: text }) };
    },
  },
  { href: '/assistants', label: m.nav_assistants },
  { href: '/profile', label: m.nav_profile },
  { href: '/settings', label: m.nav_settings, also: ['/security'] },
];

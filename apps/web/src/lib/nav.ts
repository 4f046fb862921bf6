import { m } from './i18n.js';

/** The app's sections, in menu order. A new page adds one line here. */
export const NAV_ITEMS: { href: string; label: () => string }[] = [
  { href: '/', label: m.nav_anchor },
  { href: '/todos', label: m.nav_todos },
  { href: '/plans', label: m.nav_plans },
  { href: '/achievements', label: m.nav_achievements },
  { href: '/profile', label: m.nav_profile },
  { href: '/settings', label: m.nav_settings },
];

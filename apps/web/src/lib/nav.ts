import { m } from './i18n.js';

/** The app's sections, in menu order. A new page adds one line here. */
export const NAV_ITEMS: { href: string; label: () => string }[] = [
  { href: '/', label: m.nav_anchor },
  { href: '/settings', label: m.nav_settings },
];

export { m } from './paraglide/messages.js';
export { getLocale, setLocale, locales, type Locale } from './paraglide/runtime.js';

export const LOCALE_NAMES: Record<string, string> = { en: 'English', 'zh-CN': '简体中文' };

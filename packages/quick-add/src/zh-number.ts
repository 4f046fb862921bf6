// Chinese numerals up to 99, as people write them in dates and counts: 三, 两, 十五, 二十一, 廿.
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export const ZH_NUMBER = '(?:\\d{1,2}|[零〇一二两三四五六七八九十廿]{1,3})';

export function zhNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '廿') return 20;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[2] ? DIGITS[m[2]]! : 0);
  const t = /^廿([一二三四五六七八九])$/.exec(text);
  if (t) return 20 + DIGITS[t[1]!]!;
  if (text.length === 1 && text in DIGITS) return DIGITS[text]!;
  return null;
}

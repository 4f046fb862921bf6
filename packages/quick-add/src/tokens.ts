// The marked tokens of quick add: #tag, !1–!3 / p1–p3, a lone * and +plan.

export interface Plan {
  id: string;
  name: string;
}

export type Priority = 'low' | 'normal' | 'high';

export interface Token {
  start: number;
  end: number;
  kind: 'tag' | 'priority' | 'important' | 'plan';
  value: string;
}

const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
export const TAG_MAX = 40;

/** A token may start at the beginning, after a space, or right after Chinese text. */
function startsToken(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text[i - 1]!;
  return /\s/.test(before) || HAN.test(before);
}

function endsToken(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const after = text[i]!;
  return /[\s,.;:!?)\]}'"]/.test(after) || HAN.test(after);
}

const PRIORITY: Record<string, Priority> = { '1': 'high', '2': 'normal', '3': 'low' };

function fold(s: string): string {
  return s.normalize('NFKC').toLocaleLowerCase('en');
}

/** The plan a `+` at `plus` names, with where its text ends; see README for the rules. */
function matchPlan(text: string, plus: number, plans: readonly Plan[]): { end: number; plan: Plan } | null {
  const rest = text.slice(plus + 1);
  const quoted = /^(?:"([^"\n]{1,200})"|“([^”\n]{1,200})”|「([^」\n]{1,200})」)/.exec(rest);
  if (quoted) {
    const plan = pick((quoted[1] ?? quoted[2] ?? quoted[3]!).trim(), plans, true);
    return plan ? { end: plus + 1 + quoted[0].length, plan } : null;
  }
  // The longest plan name written out in full, then a unique prefix of one word.
  const folded = fold(rest);
  let best: { end: number; plan: Plan } | null = null;
  for (const plan of plans) {
    const name = fold(plan.name.trim());
    if (!name || !folded.startsWith(name)) continue;
    const end = plus + 1 + name.length;
    const lastIsHan = HAN.test(name[name.length - 1]!);
    if (!(lastIsHan || endsToken(text, end))) continue;
    if (!best || end > best.end) best = { end, plan };
  }
  if (best) return best;
  const word = /^[^\s,;:!?()[\]{}"“”]+/.exec(rest)?.[0].replace(/[.]+$/, '');
  if (!word) return null;
  const plan = pick(word, plans, false);
  return plan ? { end: plus + 1 + word.length, plan } : null;
}

function pick(query: string, plans: readonly Plan[], allowExact: boolean): Plan | null {
  const q = fold(query);
  if (allowExact) {
    const exact = plans.filter((p) => fold(p.name.trim()) === q);
    if (exact.length === 1) return exact[0]!;
  }
  const prefixed = plans.filter((p) => fold(p.name.trim()).startsWith(q));
  return prefixed.length === 1 ? prefixed[0]! : null;
}

const CANDIDATE = /[#＃!！*＊+＋]|(?<![\p{L}\p{N}])[pP][1-3]/gu;

/** Every marked token in `text` that lies wholly in `free` characters, left to right. */
export function findTokens(text: string, plans: readonly Plan[], free: (start: number, end: number) => boolean): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const i = m.index;
    if (i < from || !startsToken(text, i)) continue;
    const token = tokenAt(text, i, plans);
    if (token && free(token.start, token.end)) {
      tokens.push(token);
      from = token.end;
    }
  }
  return tokens;
}

function tokenAt(text: string, i: number, plans: readonly Plan[]): Token | null {
  const c = text[i]!;
  if (c === '#' || c === '＃') {
    const m = /^[\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_/-]*/u.exec(text.slice(i + 1));
    if (!m) return null;
    const tag = m[0].replace(/[/-]+$/, '');
    // "#12" is an issue number, not a tag.
    if (/^\p{N}+$/u.test(tag) || tag.length > TAG_MAX) return null;
    const end = i + 1 + tag.length;
    return endsToken(text, end) || /[\p{P}]/u.test(text[end] ?? '') ? { start: i, end, kind: 'tag', value: tag } : null;
  }
  if (c === '!' || c === '！' || c === 'p' || c === 'P') {
    const level = text[i + 1];
    if (!level || !(level in PRIORITY) || !endsToken(text, i + 2)) return null;
    return { start: i, end: i + 2, kind: 'priority', value: PRIORITY[level]! };
  }
  if (c === '*' || c === '＊') {
    // "5 * 3" is arithmetic.
    if (!endsToken(text, i + 1) || (/\d\s*$/.test(text.slice(0, i)) && /^\s*\d/.test(text.slice(i + 1)))) return null;
    return { start: i, end: i + 1, kind: 'important', value: '*' };
  }
  const match = matchPlan(text, i, plans);
  return match ? { start: i, end: match.end, kind: 'plan', value: match.plan.id } : null;
}

export interface PlanCompletion {
  /** The characters a chosen completion replaces: from the `+` to the end of the typed name. */
  start: number;
  end: number;
  query: string;
  /** Plans whose name starts with the query first, then those containing it; `insert` is the text to put in place. */
  options: { id: string; name: string; insert: string }[];
}

/** What the `+plan` under the cursor could complete to, or null when the cursor is not in one. */
export function planCompletions(text: string, cursor: number, plans: readonly Plan[]): PlanCompletion | null {
  const before = text.slice(0, cursor);
  const m = /[+＋](?:(["“「])([^"”」\n]*)|([^\s"“”]*))$/u.exec(before);
  if (!m || !startsToken(text, m.index)) return null;
  const quote = m[1];
  const query = quote ? m[2]! : m[3]!;
  // The token runs on past the cursor to the end of the word (or the closing quote).
  const after = text.slice(cursor);
  const tail = quote ? /^[^"”」\n]*["”」]?/.exec(after)![0] : /^[^\s]*/.exec(after)![0];
  const q = fold(query);
  const starts: Plan[] = [];
  const contains: Plan[] = [];
  for (const plan of plans) {
    const name = fold(plan.name);
    if (name.startsWith(q)) starts.push(plan);
    else if (name.includes(q)) contains.push(plan);
  }
  const byName = (a: Plan, b: Plan) => a.name.localeCompare(b.name);
  return {
    start: m.index,
    end: cursor + tail.length,
    query,
    options: [...starts.sort(byName), ...contains.sort(byName)].map((p) => ({
      id: p.id,
      name: p.name,
      insert: insertion(p.name.trim()),
    })),
  };
}

function insertion(name: string): string {
  if (!/[\s"“”,;:!?()[\]{}]/.test(name)) return `+${name}`;
  return name.includes('"') ? `+“${name}”` : `+"${name}"`;
}

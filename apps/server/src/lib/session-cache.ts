/**
 * Sessions found by their cookie, remembered for a moment (SESSION_CACHE_MS) so that a burst of
 * requests (a page load, a change and the reload after it) looks the session up once instead of on
 * every request: the lookup was half the database round trips of a signed-in read.
 *
 * A session row never changes but for its last-seen time, so what is kept can only go stale by the
 * session ending. Every statement that ends sessions tells this cache (the sessions and accounts
 * repositories), so in this process an ended session is refused at once. Other server processes
 * sharing the database hear of it on commit (the `sessions_ended` trigger, followed by
 * `followSessionEndings`); while they cannot hear, they keep nothing (`pause`). After a user's
 * sessions end, none of theirs is kept again for `settleMs`: a lookup made while the ending
 * transaction was still open could otherwise keep the row it saw.
 */
export interface CachedSession {
  id: string;
  userId: string;
  /** Milliseconds since 1970, as the sessions repository reads them. */
  expiresAt: number;
  lastSeenAt: number;
  signedInAt: number;
}

export interface SessionCache {
  /** The cache's time, taken before a lookup and handed to `set` with what it found. */
  stamp(): number;
  /** The session kept for this token hash, if it was looked up less than `ttlMs` ago. */
  get(tokenHash: string): CachedSession | undefined;
  /** Keeps a session just read, unless its user's sessions ended since `lookedUpAt` or very recently. */
  set(tokenHash: string, session: CachedSession, lookedUpAt: number): void;
  /** Some of this user's sessions ended (or all of them): none of theirs is answered from memory. */
  forgetUser(userId: string): void;
  /** Every session ended (an operator's sign-out of everyone). */
  clear(): void;
  /** Endings elsewhere may go unheard (no connection to hear them on): keep nothing until `resume`. */
  pause(): void;
  /** Endings elsewhere are heard again: keep what lookups begun from now on find. */
  resume(): void;
  readonly size: number;
}

const SETTLE_MS = 10_000;

export function createSessionCache(options: {
  ttlMs: number;
  /** Elapsed time, not the app's clock: how long an entry may lag the database is real time. */
  now?: () => number;
  maxEntries?: number;
  settleMs?: number;
  /** Start paused, until endings in other processes can be heard. */
  paused?: boolean;
}): SessionCache {
  const { ttlMs } = options;
  const now = options.now ?? (() => performance.now());
  const maxEntries = options.maxEntries ?? 10_000;
  const settleMs = options.settleMs ?? SETTLE_MS;
  const entries = new Map<string, { session: CachedSession; at: number }>();
  /** Token hashes kept per user, so forgetting a user does not walk every entry. */
  const byUser = new Map<string, Set<string>>();
  /** When each user's sessions last ended, for `settleMs`; and when everyone's did. */
  const endedAt = new Map<string, number>();
  let allEndedAt = Number.NEGATIVE_INFINITY;
  let paused = options.paused ?? false;
  let resumedAt = Number.NEGATIVE_INFINITY;

  function drop(tokenHash: string) {
    const entry = entries.get(tokenHash);
    if (!entry) return;
    entries.delete(tokenHash);
    const hashes = byUser.get(entry.session.userId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) byUser.delete(entry.session.userId);
  }

  const recentlyEnded = (userId: string, since: number) => {
    const last = Math.max(endedAt.get(userId) ?? Number.NEGATIVE_INFINITY, allEndedAt);
    return last >= since || now() - last < settleMs;
  };

  return {
    stamp: now,

    get(tokenHash) {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      const age = now() - entry.at;
      if (age >= 0 && age < ttlMs) return entry.session;
      drop(tokenHash);
      return undefined;
    },

    set(tokenHash, session, lookedUpAt) {
      if (ttlMs <= 0 || paused || lookedUpAt < resumedAt || recentlyEnded(session.userId, lookedUpAt)) return;
      drop(tokenHash);
      if (entries.size >= maxEntries) drop(entries.keys().next().value!);
      entries.set(tokenHash, { session, at: lookedUpAt });
      let hashes = byUser.get(session.userId);
      if (!hashes) byUser.set(session.userId, (hashes = new Set()));
      hashes.add(tokenHash);
    },

    forgetUser(userId) {
      for (const hash of byUser.get(userId) ?? []) entries.delete(hash);
      byUser.delete(userId);
      const at = now();
      // Kept in the order they happened, so the ones past mattering are dropped from the front.
      endedAt.delete(userId);
      endedAt.set(userId, at);
      for (const [user, when] of endedAt) {
        if (at - when < settleMs) break;
        endedAt.delete(user);
      }
    },

    clear() {
      entries.clear();
      byUser.clear();
      endedAt.clear();
      allEndedAt = now();
    },

    pause() {
      paused = true;
      entries.clear();
      byUser.clear();
    },

    resume() {
      paused = false;
      resumedAt = now();
    },

    get size() {
      return entries.size;
    },
  };
}

/** No session is kept (SESSION_CACHE_MS=0, and processes that never resolve cookies). */
export const noSessionCache = (): SessionCache => createSessionCache({ ttlMs: 0 });

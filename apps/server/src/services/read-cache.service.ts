import type { Clock } from '../lib/clock.ts';
import type { Repositories } from '../repositories/index.ts';

/**
 * Answers stay valid for one quarter of an hour of the clock at most. The cached pages depend on
 * the time only through the user's local date and week, and every time zone in use is offset from
 * UTC by a whole number of quarter hours, so a local midnight always starts a new quarter.
 */
const QUARTER_HOUR_MS = 15 * 60_000;

/** Where a freshly computed answer goes once it is sent. */
export interface ReadCacheSlot {
  key: string;
  version: string;
  quarter: number;
}

interface Entry {
  version: string;
  quarter: number;
  body: Buffer;
}

export type ReadCacheLookup = { hit: Buffer } | { miss: ReadCacheSlot } | null;

/**
 * Finished JSON answers of the heavy read routes (the anchor page, lists, search, charts), per
 * user and URL, held while the user's data version and the quarter hour stay the same: a repeat
 * read costs one primary-key lookup instead of the queries and the serialising. The version is
 * set by the database as each write commits, so every process and every writer is covered.
 * Least recently used answers go first once `maxBytes` is reached; 0 turns the cache off.
 */
export function createReadCache(deps: { repos: Repositories; clock: Clock; maxBytes: number }) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const sizeOf = (key: string, entry: Entry) => key.length * 2 + entry.body.length;

  function evict(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= sizeOf(key, entry);
  }

  return {
    enabled: deps.maxBytes > 0,

    /**
     * The stored answer if nothing it was built from has changed, else where to store a new one.
     * `knownVersion`: the version if it was just read with the session; otherwise it is read here.
     */
    async lookup(userId: string, url: string, knownVersion?: string | null): Promise<ReadCacheLookup> {
      const version = knownVersion === undefined ? await deps.repos.for({ userId }).dataVersions.find() : knownVersion;
      if (version === null) return null;
      const quarter = Math.floor(deps.clock.now().getTime() / QUARTER_HOUR_MS);
      const key = `${userId} ${url}`;
      const entry = entries.get(key);
      if (entry && entry.version === version && entry.quarter === quarter) {
        // Map order is recency order: move the hit to the back.
        entries.delete(key);
        entries.set(key, entry);
        return { hit: entry.body };
      }
      return { miss: { key, version, quarter } };
    },

    /** Keeps an answer computed after `slot` was handed out (so from data at least that new). */
    store(slot: ReadCacheSlot, body: Buffer) {
      const entry = { version: slot.version, quarter: slot.quarter, body };
      // One answer never takes more than an eighth of the room.
      if (sizeOf(slot.key, entry) * 8 > deps.maxBytes) return;
      evict(slot.key);
      entries.set(slot.key, entry);
      bytes += sizeOf(slot.key, entry);
      for (const key of entries.keys()) {
        if (bytes <= deps.maxBytes) break;
        evict(key);
      }
    },

    /** Entries and bytes held, for tests and benchmarks. */
    size: () => ({ entries: entries.size, bytes }),
  };
}
export type ReadCache = ReturnType<typeof createReadCache>;

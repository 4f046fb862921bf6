import { createHash } from 'node:crypto';
import type { CalendarFeed } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { localeOf } from './notification-words.ts';
import { notFound } from '../lib/problem.ts';
import type { Sealer } from '../lib/sealing.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { CalendarFeedRow } from '../repositories/calendar-feeds.repository.ts';
import { writeFeed } from './calendar-feed-ics.ts';

/** How long a finished to-do stays in the feed. */
export const FEED_DONE_DAYS = 30;
/** The most to-dos, and plans, one feed holds: the soonest due. */
export const FEED_MAX_TODOS = 2000;
export const FEED_MAX_PLANS = 200;

/** A feed token as its address carries it: 256 random bits, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const NO_FEED: CalendarFeed = { url: null, createdAt: null, lastFetchedAt: null };

/**
 * The private calendar feed: one secret address per user, made, replaced and turned off by its
 * owner, read by calendar apps with the address alone. The token is kept hashed (to find it)
 * and sealed with APP_SECRET (to show the address again); a new APP_SECRET leaves an address that
 * can no longer be shown — make a new one.
 */
export function createCalendarFeedService(deps: { repos: Repositories; clock: Clock; config: Config; sealer: Sealer }) {
  const { repos, clock, config, sealer } = deps;
  const address = (token: string) => `${config.publicUrl.origin}/ical/${token}.ics`;

  function toDto(row: CalendarFeedRow | undefined): CalendarFeed {
    if (!row) return NO_FEED;
    let url: string | null = null;
    try {
      url = address(sealer.open(row.tokenSealed));
    } catch {
      // Sealed under another APP_SECRET: the feed still works, its address cannot be shown.
    }
    return { url, createdAt: iso(row.createdAt), lastFetchedAt: isoOrNull(row.lastFetchedAt) };
  }

  return {
    async get(actor: Actor): Promise<CalendarFeed> {
      return toDto(await repos.for(actor).calendarFeeds.find());
    },

    /** A new address; the one before (if any) answers 404 from this moment. */
    async rotate(actor: Actor): Promise<CalendarFeed> {
      const token = randomSecret();
      const row = await repos
        .for(actor)
        .calendarFeeds.replace({ tokenHash: sha256(token), tokenSealed: sealer.seal(token) }, clock.now());
      return toDto(row);
    },

    async remove(actor: Actor): Promise<CalendarFeed> {
      await repos.for(actor).calendarFeeds.remove();
      return NO_FEED;
    },

    /** The feed an address names, as iCalendar text with its entity tag; 404 for any address that names none. */
    async read(token: string): Promise<{ body: string; etag: string }> {
      const feed = TOKEN.test(token) ? await repos.system.calendarFeeds.findByHash(sha256(token)) : undefined;
      if (!feed) throw notFound('Calendar feed');
      const now = clock.now();
      const scoped = repos.for({ userId: feed.userId });
      const since = new Date(now.getTime() - FEED_DONE_DAYS * 86_400_000);
      const [owner, todos, plans] = await Promise.all([
        scoped.calendarFeeds.owner(),
        scoped.calendarFeeds.todos(since, FEED_MAX_TODOS),
        scoped.calendarFeeds.plans(FEED_MAX_PLANS),
      ]);
      if (!owner) throw notFound('Calendar feed');
      await repos.system.calendarFeeds.touch(feed.userId, now);
      const body = writeFeed({
        owner: { ...owner, locale: localeOf(owner.locale) },
        todos,
        plans,
        origin: config.publicUrl,
        now,
      });
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    },
  };
}
export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;

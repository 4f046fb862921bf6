import type { AssistantCall, AssistantSettings } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { AssistantCallRow } from '../repositories/assistants.repository.ts';

export const ASSISTANT_DEFAULTS: AssistantSettings = { requireApproval: true, perClientRatePerMin: 120 };

/** What may be kept of an argument: short, one line, and no e-mail address or token. */
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
const SECRET = /\b(ca_pat_|ca_oat_|ca_ort_)\S*/g;
export const callSummary = (text: string) =>
  text.replace(EMAIL, '[address]').replace(SECRET, '[token]').replace(/\s+/g, ' ').trim().slice(0, 120);

const toDto = (row: AssistantCallRow): AssistantCall => ({
  id: row.id,
  clientId: row.clientId,
  tokenId: row.tokenId,
  method: row.method,
  name: row.name,
  outcome: row.outcome as AssistantCall['outcome'],
  summary: row.summary,
  durationMs: row.durationMs,
  createdAt: iso(row.createdAt),
});

/** Who an assistant's calls are counted against: its OAuth client, or the personal token. */
const callerKey = (actor: Actor) =>
  `mcp:${actor.clientId ? `client:${actor.clientId}` : `token:${actor.tokenId ?? actor.userId}`}`;

/** How far the person trusts assistants, and what assistants did. */
export function createAssistantsService(repos: Repositories, clock: Clock) {
  async function settings(actor: Actor): Promise<AssistantSettings> {
    const row = await repos.for(actor).assistants.settings();
    return row ? { requireApproval: row.requireApproval, perClientRatePerMin: row.perClientRatePerMin } : ASSISTANT_DEFAULTS;
  }

  return {
    settings,

    async updateSettings(actor: Actor, input: Partial<AssistantSettings>): Promise<AssistantSettings> {
      const row = await repos.for(actor).assistants.saveSettings(input, clock.now());
      return { requireApproval: row.requireApproval, perClientRatePerMin: row.perClientRatePerMin };
    },

    async activity(actor: Actor, page: { limit: number; cursor?: string | undefined }) {
      const found = await repos.for(actor).assistants.calls(page);
      return { items: found.rows.map(toDto), nextCursor: found.nextCursor };
    },

    async record(actor: Actor, call: { method: string; name: string; ok: boolean; summary: string; durationMs: number }) {
      await repos.for(actor).assistants.logCall({
        clientId: actor.clientId ?? null,
        tokenId: actor.tokenId,
        method: call.method,
        name: call.name.slice(0, 200),
        outcome: call.ok ? 'ok' : 'error',
        summary: callSummary(call.summary),
        durationMs: Math.max(0, Math.round(call.durationMs)),
        createdAt: clock.now(),
      });
    },

    /**
     * Takes one call from the caller's allowance for this minute (counted in the database, so
     * every API process shares it). Answers how long to wait when the allowance is spent.
     */
    async admit(actor: Actor): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number; limit: number }> {
      const { perClientRatePerMin: limit } = await settings(actor);
      const now = clock.now();
      const taken = await repos.system.throttle.take(callerKey(actor), limit, now, new Date(now.getTime() - 60_000));
      if (taken.taken) return { ok: true };
      const retry = Math.ceil((taken.windowStartedAt.getTime() + 60_000 - now.getTime()) / 1000);
      return { ok: false, retryAfterSeconds: Math.max(1, retry), limit };
    },
  };
}
export type AssistantsService = ReturnType<typeof createAssistantsService>;

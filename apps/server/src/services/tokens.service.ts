import type { ApiToken } from '@career-anchor/contracts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/problem.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import type { ApiTokenRow } from '../repositories/api-tokens.repository.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor } from '../lib/actor.ts';

/** Personal tokens look like `ca_pat_…` so they are easy to spot in a leaked file. */
const TOKEN_PREFIX = 'ca_pat_';
const TOUCH_EVERY_MS = 60 * 1000;

const toDto = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as ApiToken['scopes'],
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

export function createTokensService(repos: Repositories, clock: Clock) {
  return {
    async list(actor: Actor) {
      const rows = await repos.for(actor).apiTokens.list();
      return { items: rows.map(toDto), nextCursor: null };
    },

    async create(actor: Actor, input: { name: string; scopes: ('read' | 'write')[]; expiresInDays?: number | undefined }) {
      const secret = TOKEN_PREFIX + randomSecret();
      const now = clock.now();
      const { apiTokens, securityLog } = repos.for(actor);
      const row = await apiTokens.insert({
        name: input.name,
        prefix: secret.slice(0, TOKEN_PREFIX.length + 4),
        tokenHash: sha256(secret),
        scopes: [...new Set(input.scopes)],
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      });
      await securityLog.add({ kind: 'token_created', ip: null, userAgent: null, now });
      return { ...toDto(row), token: secret };
    },

    async revoke(actor: Actor, tokenId: string) {
      const revoked = await repos.for(actor).apiTokens.revoke(tokenId, clock.now());
      if (!revoked) throw notFound('Token');
    },

    async resolve(secret: string): Promise<Actor | null> {
      if (!secret.startsWith(TOKEN_PREFIX)) return null;
      const now = clock.now();
      const token = await repos.system.apiTokens.findActive(sha256(secret), now);
      if (!token) return null;
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await repos.system.apiTokens.touch(token.id, now);
      }
      return {
        userId: token.userId,
        via: 'token',
        sessionId: null,
        tokenId: token.id,
        scopes: token.scopes as Actor['scopes'],
      };
    },
  };
}
export type TokensService = ReturnType<typeof createTokensService>;

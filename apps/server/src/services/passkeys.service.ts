import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { oneTimeTokens, passkeys, users } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { sha256 } from '../lib/secrets.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import { idEq } from '../repositories/conditions.ts';
import type { Actor } from '../lib/actor.ts';

const CHALLENGE_MS = 5 * 60_000;
const refused = () =>
  new HttpProblem(400, 'Passkey not accepted', {
    detail: 'The passkey could not be verified. Try again.',
    type: '/problems/passkey-refused',
  });

/**
 * Passkeys (WebAuthn): registered by a signed-in user, then used to sign in without a password,
 * or as the second factor. Challenges are single-use and short-lived, kept only as hashes.
 */
export function createPasskeysService(deps: { db: Db; clock: Clock; config: Config }) {
  const { db, clock, config } = deps;
  const rpID = config.publicUrl.hostname;
  const origin = config.publicUrl.origin;

  async function remember(challenge: string, userId: string | null) {
    await db.insert(oneTimeTokens).values({
      userId,
      purpose: 'webauthn',
      tokenHash: sha256(challenge),
      expiresAt: new Date(clock.now().getTime() + CHALLENGE_MS),
      createdAt: clock.now(),
    });
  }

  /** A challenge we issued (to this user, if given), not used and not expired: used up now. */
  const redeemChallenge = (userId: string | null) => async (challenge: string) => {
    const [row] = await db
      .update(oneTimeTokens)
      .set({ usedAt: clock.now() })
      .where(
        and(
          eq(oneTimeTokens.tokenHash, sha256(challenge)),
          eq(oneTimeTokens.purpose, 'webauthn'),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, clock.now()),
          userId ? eq(oneTimeTokens.userId, userId) : isNull(oneTimeTokens.userId),
        ),
      )
      .returning({ id: oneTimeTokens.id });
    return Boolean(row);
  };

  return {
    async list(actor: Actor) {
      const rows = await db.select().from(passkeys).where(eq(passkeys.userId, actor.userId)).orderBy(passkeys.createdAt);
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.createdAt), lastUsedAt: isoOrNull(r.lastUsedAt) })),
        nextCursor: null,
      };
    },

    async registrationOptions(actor: Actor) {
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user) throw notFound('Account');
      const existing = await db
        .select({ id: passkeys.credentialId, transports: passkeys.transports })
        .from(passkeys)
        .where(eq(passkeys.userId, actor.userId));
      const options = await generateRegistrationOptions({
        rpName: 'Career Anchor',
        rpID,
        userName: user.email,
        userDisplayName: user.displayName,
        userID: new TextEncoder().encode(user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      await remember(options.challenge, actor.userId);
      return options as unknown as Record<string, unknown>;
    },

    async register(actor: Actor, response: RegistrationResponseJSON, name: string) {
      let result;
      try {
        result = await verifyRegistrationResponse({
          response,
          expectedChallenge: redeemChallenge(actor.userId),
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: false,
        });
      } catch {
        throw refused();
      }
      if (!result.verified) throw refused();
      const { credential } = result.registrationInfo;
      const [row] = await db
        .insert(passkeys)
        .values({
          userId: actor.userId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? [],
          name: name || 'Passkey',
          createdAt: clock.now(),
        })
        .returning();
      return { id: row!.id, name: row!.name, createdAt: iso(row!.createdAt), lastUsedAt: null };
    },

    async remove(actor: Actor, id: string) {
      const rows = await db
        .delete(passkeys)
        .where(and(idEq(passkeys.id, id), eq(passkeys.userId, actor.userId)))
        .returning({ id: passkeys.id });
      if (rows.length === 0) throw notFound('Passkey');
    },

    /**
     * Options for signing in with any passkey of this site (the browser offers the user's); or,
     * given a signed-in user, for confirming it is them with one of their own passkeys.
     */
    async authenticationOptions(userId: string | null = null) {
      const own = userId
        ? await db
            .select({ id: passkeys.credentialId, transports: passkeys.transports })
            .from(passkeys)
            .where(eq(passkeys.userId, userId))
        : [];
      if (userId && own.length === 0) throw notFound('Passkey');
      const options = await generateAuthenticationOptions({
        rpID,
        // A sign-in rests on the passkey alone, so the authenticator must verify the person
        // (PIN or biometric) as well as hold the key: two factors in one gesture.
        userVerification: userId ? 'preferred' : 'required',
        ...(userId ? { allowCredentials: own.map((c) => ({ id: c.id, transports: c.transports })) } : {}),
      });
      await remember(options.challenge, userId);
      return options as unknown as Record<string, unknown>;
    },

    /**
     * The user a passkey signs in; the credential's counter moves on so a cloned key shows. Given
     * a user (confirming it is them), only their own passkeys and a challenge issued to them count.
     */
    async authenticate(response: AuthenticationResponseJSON, userId: string | null = null): Promise<string> {
      const credentialId = String(response.id ?? '').slice(0, 1000);
      const [stored] = await db
        .select()
        .from(passkeys)
        .where(
          userId
            ? and(eq(passkeys.credentialId, credentialId), eq(passkeys.userId, userId))
            : eq(passkeys.credentialId, credentialId),
        );
      if (!stored) throw refused();
      let result;
      try {
        result = await verifyAuthenticationResponse({
          response,
          expectedChallenge: redeemChallenge(userId),
          expectedOrigin: origin,
          expectedRPID: rpID,
          credential: {
            id: stored.credentialId,
            publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
            counter: stored.counter,
            transports: stored.transports,
          },
          requireUserVerification: !userId,
        });
      } catch {
        throw refused();
      }
      if (!result.verified) throw refused();
      await db
        .update(passkeys)
        .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: clock.now() })
        .where(eq(passkeys.id, stored.id));
      return stored.userId;
    },
  };
}
export type PasskeysService = ReturnType<typeof createPasskeysService>;

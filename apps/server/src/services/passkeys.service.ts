import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { sha256 } from '../lib/secrets.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { AccountsService } from './accounts.service.ts';
import type { SecurityLog } from './security.service.ts';
import type { TwoFactorService } from './two-factor.service.ts';
import { removeWayIn } from './ways-in.ts';

const CHALLENGE_MS = 5 * 60_000;
const refused = () => new HttpProblem('passkey-refused', { detail: 'The passkey could not be verified. Try again.' });

/**
 * Passkeys (WebAuthn): registered by a signed-in user, then used to sign in without a password,
 * or as the second factor. Challenges are single-use and short-lived, kept only as hashes.
 */
export function createPasskeysService(deps: {
  repos: Repositories;
  clock: Clock;
  config: Config;
  log: SecurityLog;
  accounts: AccountsService;
  twoFactor: TwoFactorService;
}) {
  const { repos, clock, config, log, accounts, twoFactor } = deps;
  const rpID = config.publicUrl.hostname;
  const origin = config.publicUrl.origin;

  async function remember(challenge: string, userId: string | null) {
    const now = clock.now();
    const token = {
      purpose: 'webauthn' as const,
      tokenHash: sha256(challenge),
      expiresAt: new Date(now.getTime() + CHALLENGE_MS),
      now,
    };
    await (userId ? repos.for({ userId }).oneTimeTokens.insert(token) : repos.system.oneTimeTokens.insertAnonymous(token));
  }

  /** A challenge we issued (to this user, or to no one), not used and not expired: used up now. */
  const redeemChallenge = (userId: string | null) => async (challenge: string) =>
    userId
      ? repos.for({ userId }).oneTimeTokens.redeem(sha256(challenge), 'webauthn', clock.now())
      : repos.system.oneTimeTokens.redeemAnonymous(sha256(challenge), 'webauthn', clock.now());

  /**
   * The user a passkey signs in; the credential's counter moves on so a cloned key shows. Given
   * a user (confirming it is them), only their own passkeys and a challenge issued to them count.
   */
  async function authenticate(response: AuthenticationResponseJSON, userId: string | null = null): Promise<string> {
    const credentialId = String(response.id ?? '').slice(0, 1000);
    const found = userId ? repos.for({ userId }).passkeys : repos.system.passkeys;
    const stored = await found.findByCredential(credentialId);
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
    await found.recordUse(stored.id, result.authenticationInfo.newCounter, clock.now());
    return stored.userId;
  }

  return {
    async list(actor: Actor) {
      const rows = await repos.for(actor).passkeys.list();
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.createdAt), lastUsedAt: isoOrNull(r.lastUsedAt) })),
        nextCursor: null,
      };
    },

    async registrationOptions(actor: Actor) {
      const mine = repos.for(actor);
      const user = await mine.accounts.find();
      if (!user) throw notFound('Account');
      const existing = await mine.passkeys.credentials();
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

    async register(actor: Actor, response: RegistrationResponseJSON, name: string, meta: RequestMeta) {
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
      const row = await repos.for(actor).passkeys.insert({
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: name || 'Passkey',
        createdAt: clock.now(),
      });
      await log(actor.userId, 'passkey_added', meta);
      return { id: row.id, name: row.name, createdAt: iso(row.createdAt), lastUsedAt: null };
    },

    /** Removes a passkey, unless it is the last way to sign in (no password, no linked provider). */
    remove: (actor: Actor, id: string, meta: RequestMeta) =>
      removeWayIn(deps, actor, meta, {
        remove: ({ passkeys }) => passkeys.delete(id),
        what: 'Passkey',
        refusal: 'This passkey is your only way to sign in. Set a password or link GitHub or Google first.',
        logAs: 'passkey_removed',
      }),

    /**
     * Options for signing in with any passkey of this site (the browser offers the user's); or,
     * given a signed-in user, for confirming it is them with one of their own passkeys.
     */
    async authenticationOptions(userId: string | null = null) {
      const own = userId ? await repos.for({ userId }).passkeys.credentials() : [];
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
     * Signs in with a passkey alone; it also completes a sign-in that was waiting for a second
     * factor (`pendingChallenge`, which ends).
     */
    async signIn(response: AuthenticationResponseJSON, pendingChallenge: string | undefined, meta: RequestMeta) {
      const userId = await authenticate(response);
      if (pendingChallenge) await twoFactor.endChallenge(pendingChallenge);
      return accounts.finishSignIn(userId, meta, 'signed_in_passkey');
    },

    /** "Confirm it's you" with one of the user's own passkeys: a new session id, signed in now. */
    async confirm(actor: Actor, response: AuthenticationResponseJSON, meta: RequestMeta, reauthWindowMs: number) {
      await authenticate(response, actor.userId);
      return accounts.confirmed(actor, meta, reauthWindowMs);
    },
  };
}
export type PasskeysService = ReturnType<typeof createPasskeysService>;

import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, NetworkError, api, call, type Schemas, type User } from './api/client.js';
import { m } from './i18n.js';
import { problemMessage } from './problems.js';

/** Whether this browser can use passkeys at all. */
export const passkeysSupported = () => typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

/** The browser's answer as the API takes it: the same JSON, described more loosely. */
type CredentialJSON = Schemas['PasskeySignInBody']['response'];

// The WebAuthn helper is fetched only when someone uses a passkey.
const webauthn = () => import('@simplewebauthn/browser');

/** Creates a passkey on this device for the signed-in account and saves it. */
export async function createPasskey(name: string): Promise<Schemas['Passkey']> {
  const options = await call(api.POST('/api/v1/auth/passkeys/registration-options'));
  const { startRegistration } = await webauthn();
  const response = await startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON });
  return call(api.POST('/api/v1/auth/passkeys', { body: { response: response as unknown as CredentialJSON, name } }));
}

/** Signs in with a passkey; also finishes a sign-in that waits for its second step. */
export async function signInWithPasskey(): Promise<User> {
  const options = await call(api.POST('/api/v1/auth/passkeys/authentication-options'));
  const { startAuthentication } = await webauthn();
  const response = await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
  return call(api.POST('/api/v1/auth/passkeys/sign-in', { body: { response: response as unknown as CredentialJSON } }));
}

/** Confirms it is the signed-in person with one of their own passkeys (before a sensitive change). */
export async function confirmWithPasskey(): Promise<void> {
  const options = await call(api.POST('/api/v1/auth/confirm/passkey/authentication-options'));
  const { startAuthentication } = await webauthn();
  const response = await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
  await call(api.POST('/api/v1/auth/confirm/passkey', { body: { response: response as unknown as CredentialJSON } }));
}

/** Why a passkey did not work, in the person's words. */
export function passkeyProblem(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return problemMessage(error);
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return m.passkey_already_here();
  // The browser says only “not allowed” when the person cancelled or the time ran out.
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return m.passkey_cancelled();
  if (!passkeysSupported()) return m.passkey_unsupported();
  return m.passkey_failed();
}

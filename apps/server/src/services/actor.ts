/**
 * Who is acting. Every service function that touches user data takes one, and every query it
 * runs is scoped by `userId`; there is no unscoped path.
 */
export interface Actor {
  userId: string;
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  scopes: readonly ('read' | 'write')[];
  /** For a session: when the person last proved who they are (password, provider, passkey). */
  signedInAt?: Date;
  /** The user's data version, when it was read along with the session (see the read cache). */
  dataVersion?: string | null;
}

/** Where a request came from, for sessions and the security log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Who is acting. Every service function that touches user data takes one, and every query it
 * runs is scoped by `userId`; there is no unscoped path.
 */
export type Scope = 'read' | 'suggest' | 'write';

export interface Actor {
  userId: string;
  /** `oauth`: an assistant's access token, granted by the person's consent; valid only on `/mcp`. */
  via: 'session' | 'token' | 'oauth' | 'job';
  sessionId: string | null;
  tokenId: string | null;
  /**
   * What the actor may do. `suggest` lets an assistant propose changes that land in the suggestion
   * queue for the person to accept; `write` implies it.
   */
  scopes: readonly Scope[];
  /** For `oauth`: the registered client acting for the person. */
  clientId?: string | null;
  /** For a session: when the person last proved who they are (password, provider, passkey). */
  signedInAt?: Date;
  /** The user's data version, when it was read along with the session (see the read cache). */
  dataVersion?: string | null;
}

/**
 * The actor a background job works as: the user who asked for the work (or whom a schedule
 * serves), with no session or token behind it.
 */
export const jobActor = (userId: string, scopes: Actor['scopes'] = ['read', 'write']): Actor => ({
  userId,
  via: 'job',
  sessionId: null,
  tokenId: null,
  scopes,
});

/** Where a request came from, for sessions and the security log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/**
 * What an assistant may do for the person: `read` the anchor, `suggest` changes that wait in the
 * suggestion queue, or `write` directly (which includes suggesting). `read` is always granted.
 */
export const ASSISTANT_SCOPES = ['read', 'suggest', 'write'] as const;
export const AssistantScope = z.enum(ASSISTANT_SCOPES);
export type AssistantScope = z.infer<typeof AssistantScope>;

/** An assistant the person connected (an OAuth grant), with what it may do and when it last acted. */
export const ConnectedClient = z
  .object({
    id: Id.describe('The connection (grant); DELETE it to disconnect the assistant and end every token it holds'),
    clientId: Id,
    clientName: z.string().describe('The name the assistant gave itself when it registered: not verified'),
    redirectHost: z.string().describe('Where the assistant receives its sign-in answer (scheme and host)'),
    scopes: z.array(AssistantScope),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ConnectedClient' });
export type ConnectedClient = z.infer<typeof ConnectedClient>;

/** An assistant asking to connect, as the consent page shows it. */
export const AuthorizationRequest = z
  .object({
    id: Id,
    clientName: z.string().describe('Self-declared by the assistant when it registered: not verified'),
    redirectHost: z.string().describe('Where the answer goes (scheme and host)'),
    requestedScopes: z.array(AssistantScope),
    grantedScopes: z
      .array(AssistantScope)
      .nullable()
      .describe('What this assistant was already allowed, when the person connected it before'),
    expiresAt: Timestamp,
  })
  .meta({ id: 'AuthorizationRequest' });
export type AuthorizationRequest = z.infer<typeof AuthorizationRequest>;

export const AuthorizationAllowBody = z
  .object({
    scopes: z
      .array(AssistantScope)
      .max(3)
      .optional()
      .describe('What to allow (`read` is always included); the scopes asked for when absent'),
  })
  .meta({ id: 'AuthorizationAllowBody' });

export const AuthorizationDecision = z
  .object({
    redirectTo: z
      .string()
      .describe('Where to send the browser: the assistant’s redirect address with a one-time code, or with error=access_denied'),
  })
  .meta({ id: 'AuthorizationDecision' });

import type { Schemas } from './api/client.js';
import { m } from './i18n.js';

export type AssistantScope = Schemas['ConnectedClient']['scopes'][number];

export const ASSISTANT_SCOPES: AssistantScope[] = ['read', 'suggest', 'write'];

/** What each scope lets an assistant do, in plain words. */
export const SCOPE_LABELS: Record<AssistantScope, () => string> = {
  read: m.assistants_scope_read,
  suggest: m.assistants_scope_suggest,
  write: m.assistants_scope_write,
};

export const describeScopes = (scopes: readonly AssistantScope[]) => scopes.map((s) => SCOPE_LABELS[s]()).join(', ');

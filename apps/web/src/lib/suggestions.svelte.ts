import { goto } from '$app/navigation';
import { ApiError, api, call, type Schemas } from './api/client.js';
import { m } from './i18n.js';
import { intoCareer } from './labels.js';
import { toast } from './toast.svelte.js';

export type Suggestion = Schemas['Suggestion'];
export type SuggestionEdits = NonNullable<Schemas['SuggestionAccept']['edits']>;

const PENDING_LIMIT = 50;

/**
 * A focus item has no results field: accepting a focus suggestion puts what it measured into the
 * description, once (as the server does), so the card and the form show what will be created.
 */
export function focusDescription({ suggestedDescription: text, quantifiableResults: results }: Suggestion): string {
  return results && !text.includes(results) ? [text, results].filter(Boolean).join('\n') : text;
}

/**
 * The suggestions waiting for a decision, shared by the menu's count, the anchor page's strip
 * and the suggestion centre, so a decision made in one place shows everywhere.
 */
export const pending = $state<{ items: Suggestion[]; more: boolean; loaded: boolean }>({
  items: [],
  more: false,
  loaded: false,
});

let inFlight: Promise<void> | null = null;
let fetchedAt = 0;

/** Reloads the waiting suggestions, unless that was done less than `maxAge` ms ago. */
export function refreshPending(maxAge = 0): Promise<void> {
  if (inFlight) return inFlight;
  if (maxAge && Date.now() - fetchedAt < maxAge) return Promise.resolve();
  inFlight = (async () => {
    try {
      const page = await call(api.GET('/api/v1/suggestions', { params: { query: { status: 'pending', limit: PENDING_LIMIT } } }));
      setPending(page.items, page.nextCursor !== null);
    } catch {
      // The count is a convenience; pages that list suggestions show their own errors.
    } finally {
      fetchedAt = Date.now();
      inFlight = null;
    }
  })();
  return inFlight;
}

/** Takes a freshly loaded first page of waiting suggestions as the shared list. */
export function setPending(items: Suggestion[], more: boolean) {
  pending.items = items;
  pending.more = more;
  pending.loaded = true;
}

function decided(id: string) {
  pending.items = pending.items.filter((s) => s.id !== id);
}

const idPath = (id: string) => ({ params: { path: { id } } });

/** A suggestion decided elsewhere (another tab, another device) leaves the list here too. */
async function deciding<T>(id: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof ApiError && (err.problem.status === 409 || err.problem.status === 404)) decided(id);
    throw err;
  }
}

/**
 * Accepts a suggestion (with the person's edits, if any) and says where it went; the toast
 * offers the anchor page unless the person is already on it.
 */
export async function acceptSuggestion(suggestion: Suggestion, edits?: SuggestionEdits, options = { linkToAnchor: true }) {
  const result = await deciding(
    suggestion.id,
    call(api.POST('/api/v1/suggestions/{id}/accept', { ...idPath(suggestion.id), body: edits ? { edits } : {} })),
  );
  decided(suggestion.id);
  const title = result.suggestion.suggestedTitle;
  const target = result.suggestion.targetSection;
  if (intoCareer(target)) {
    toast(m.suggestion_accepted_career({ title }), {
      action: { label: m.suggestion_view_career(), run: () => goto('/career') },
    });
    return result;
  }
  // A to-do suggestion either finishes the to-do the work matched or adds a new one.
  if (target === 'todos') {
    const message =
      result.todo?.status === 'done' ? m.suggestion_accepted_todo_done({ title }) : m.suggestion_accepted_todo({ title });
    toast(message, { action: { label: m.suggestion_view_todos(), run: () => goto('/todos') } });
    return result;
  }
  const message =
    target === 'achievements' ? m.suggestion_accepted_achievement({ title }) : m.suggestion_accepted_focus({ title });
  toast(message, options.linkToAnchor ? { action: { label: m.suggestion_view_anchor(), run: () => goto('/') } } : {});
  return result;
}

export async function rejectSuggestion(suggestion: Suggestion) {
  const result = await deciding(suggestion.id, call(api.POST('/api/v1/suggestions/{id}/reject', idPath(suggestion.id))));
  decided(suggestion.id);
  toast(m.suggestion_rejected({ title: suggestion.suggestedTitle }));
  return result;
}

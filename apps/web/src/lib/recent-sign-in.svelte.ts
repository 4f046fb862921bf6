import { ApiError } from './api/client.js';

/**
 * Changes to how one signs in (two-factor set-up, passkeys, linked providers, API tokens, signing devices out…) need
 * a recent sign-in. When the server says one is needed, the “Confirm it’s you” dialog (mounted
 * once, in the app layout) asks for it, and the change is tried once more.
 */
export const confirmation = $state<{ open: boolean }>({ open: false });

let waiting: Promise<boolean> | null = null;
let settle: ((confirmed: boolean) => void) | null = null;

/** Opens the dialog (or joins the one already open): true once confirmed, false if cancelled. */
export function confirmIdentity(): Promise<boolean> {
  waiting ??= new Promise<boolean>((resolve) => {
    settle = resolve;
    confirmation.open = true;
  });
  return waiting;
}

/** Called by the dialog as it closes. */
export function closeConfirmation(confirmed: boolean) {
  confirmation.open = false;
  const done = settle;
  waiting = settle = null;
  done?.(confirmed);
}

export const needsRecentSignIn = (error: unknown) =>
  error instanceof ApiError && error.problem.type === '/problems/recent-sign-in-required';

/**
 * Runs an API action; if the server asks for a recent sign-in, asks the person to confirm it is
 * them, then runs it once more. Cancelled, the server's answer is thrown as it came.
 */
export async function withRecentSignIn<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!needsRecentSignIn(error) || !(await confirmIdentity())) throw error;
    return action();
  }
}

/** Short messages at the bottom of the screen, some with an action such as “Undo”. */
export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => unknown } | undefined;
}

export const toasts = $state<Toast[]>([]);

/** While the pointer or focus is on a toast, none of them expire. */
export const toastHold = { paused: false };

const MAX = 3;
let nextId = 1;

export function toast(
  message: string,
  options: { action?: Toast['action']; tone?: Toast['tone']; timeout?: number } = {},
): number {
  const id = nextId++;
  toasts.push({ id, message, tone: options.tone ?? 'info', action: options.action });
  while (toasts.length > MAX) toasts.shift();
  expireLater(id, options.timeout ?? (options.action ? 8000 : 4000));
  return id;
}

export function dismissToast(id: number) {
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

function expireLater(id: number, ms: number) {
  setTimeout(() => (toastHold.paused ? expireLater(id, 1500) : dismissToast(id)), ms);
}

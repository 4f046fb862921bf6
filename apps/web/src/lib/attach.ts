/** Small element behaviours used with `{@attach …}`. */

/** Moves keyboard focus here when the element appears (an inline form opening). */
export function focusOnMount(node: HTMLElement) {
  node.focus();
}

/** Calls `handler` when Escape is pressed inside the element. */
export function onEscape(handler: () => void) {
  return (node: HTMLElement) => {
    const listener = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      handler();
    };
    node.addEventListener('keydown', listener);
    return () => node.removeEventListener('keydown', listener);
  };
}

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether typing at `target` writes text, so single-key shortcuts must leave it alone. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

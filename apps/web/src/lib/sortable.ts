/**
 * Drag-to-reorder for a list whose rows carry `data-id`, dragged by an element marked
 * `data-drag-handle`. Rows become draggable only while the handle is held, so text in a row
 * stays selectable and its buttons and fields behave as usual. Keyboard and touch users get
 * Move up / Move down buttons; this is the mouse path.
 */
export function sortable(onmove: (id: string, afterId: string | null) => void) {
  return (list: HTMLElement) => {
    let dragged: HTMLElement | null = null;
    let target: { row: HTMLElement; after: boolean } | null = null;

    const rows = () => [...list.querySelectorAll<HTMLElement>(':scope > [data-id]')];
    const rowOf = (node: EventTarget | null) =>
      node instanceof Element ? (node.closest<HTMLElement>('[data-id]') ?? null) : null;
    const clearMarks = () => {
      for (const row of rows()) row.classList.remove('drop-before', 'drop-after');
    };

    function pointerdown(event: PointerEvent) {
      const handle = event.target instanceof Element ? event.target.closest('[data-drag-handle]') : null;
      const row = rowOf(handle);
      if (row && row.parentElement === list) row.draggable = true;
    }
    function pointerup() {
      if (!dragged) for (const row of rows()) row.draggable = false;
    }
    function dragstart(event: DragEvent) {
      const row = rowOf(event.target);
      if (!row || !row.draggable || !event.dataTransfer) return;
      dragged = row;
      row.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.dataset.id ?? '');
    }
    function dragover(event: DragEvent) {
      if (!dragged) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
      const row = rowOf(event.target);
      clearMarks();
      if (!row || row === dragged || row.parentElement !== list) {
        target = null;
        return;
      }
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      row.classList.add(after ? 'drop-after' : 'drop-before');
      target = { row, after };
    }
    function drop(event: DragEvent) {
      if (!dragged) return;
      event.preventDefault();
      finish(true);
    }
    function finish(commit: boolean) {
      const row = dragged;
      const to = target;
      clearMarks();
      dragged = target = null;
      if (!row) return;
      row.classList.remove('dragging');
      row.draggable = false;
      if (!commit || !to) return;
      const order = rows().filter((r) => r !== row);
      const index = order.indexOf(to.row) + (to.after ? 1 : 0);
      const afterId = index === 0 ? null : (order[index - 1]?.dataset.id ?? null);
      const id = row.dataset.id;
      if (id) onmove(id, afterId);
    }
    const dragend = () => finish(false);

    list.addEventListener('pointerdown', pointerdown);
    list.addEventListener('pointerup', pointerup);
    list.addEventListener('dragstart', dragstart);
    list.addEventListener('dragover', dragover);
    list.addEventListener('drop', drop);
    list.addEventListener('dragend', dragend);
    return () => {
      list.removeEventListener('pointerdown', pointerdown);
      list.removeEventListener('pointerup', pointerup);
      list.removeEventListener('dragstart', dragstart);
      list.removeEventListener('dragover', dragover);
      list.removeEventListener('drop', drop);
      list.removeEventListener('dragend', dragend);
    };
  };
}

/** The order after moving `id` to just after `afterId` (null: first). */
export function reorder<T extends { id: string }>(items: T[], id: string, afterId: string | null): T[] {
  const moving = items.find((item) => item.id === id);
  if (!moving) return items;
  const rest = items.filter((item) => item.id !== id);
  const index = afterId === null ? 0 : rest.findIndex((item) => item.id === afterId) + 1;
  rest.splice(index, 0, moving);
  return rest;
}

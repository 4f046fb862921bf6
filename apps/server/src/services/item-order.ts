import type { HandOrder } from '../repositories/ordering.ts';

/** Positions closer than this are renumbered, so repeated moves into one gap never run out of room. */
const MIN_GAP = 1e-6;

/** A list the person orders by hand: its order queries, and its items found and moved by id. */
export interface OrderedList<Row extends { position: number }> extends HandOrder {
  /** The live item, or the list's "… not found." */
  findIn(id: string): Promise<Row>;
  update(id: string, values: { position: number }, now: Date): Promise<Row | undefined>;
}

/**
 * Places the item right after `afterId` (or first), halfway between its new neighbours; when
 * they are too close, the list is spread out again first. Runs inside the caller's transaction,
 * under the list's lock, so two moves at once never land on the same position.
 */
export async function moveAfter<Row extends { position: number }>(
  list: OrderedList<Row>,
  id: string,
  afterId: string | null,
  now: Date,
): Promise<Row> {
  await list.lockOrder();
  const moved = await list.findIn(id);
  if (afterId === id) return moved;
  const place = async (): Promise<number | null> => {
    if (!afterId) return list.firstPosition();
    const after = await list.findIn(afterId);
    const next = await list.nextPosition(after.position, id);
    if (next === null) return after.position + 1;
    if (next - after.position < MIN_GAP) return null;
    return (after.position + next) / 2;
  };
  let position = await place();
  if (position === null) {
    await list.renumber();
    position = (await place())!;
  }
  return (await list.update(id, { position }, now)) ?? list.findIn(id);
}

import { api, call, type Schemas } from './api/client.js';
import { m } from './i18n.js';
import { problemMessage } from './problems.js';
import { toast } from './toast.svelte.js';

export type TrashKind = Schemas['TrashItem']['kind'];

/** Announces a deletion with an “Undo” that brings the item back from the trash. */
export function toastDeleted(kind: TrashKind, id: string, title: string, onRestored: () => unknown) {
  toast(m.deleted_item({ title }), {
    action: {
      label: m.undo(),
      run: async () => {
        try {
          await call(api.POST('/api/v1/trash/{kind}/{id}/restore', { params: { path: { kind, id } } }));
          await onRestored();
          toast(m.restored_item({ title }));
        } catch (err) {
          toast(problemMessage(err), { tone: 'error' });
        }
      },
    },
  });
}

/** Shows any failure of a background action as an error toast. */
export function toastError(err: unknown) {
  toast(problemMessage(err), { tone: 'error' });
}

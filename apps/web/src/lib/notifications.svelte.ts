import { goto } from '$app/navigation';
import { api, call, type Schemas } from './api/client.js';

export type Notification = Schemas['Notification'];

const LATEST = 10;
const EVERY_MS = 60_000;

/**
 * The newest notifications and the unread count, shared by the bell and the notification page,
 * so reading one in either place shows in both.
 */
export const inbox = $state<{ items: Notification[]; unread: number; loaded: boolean }>({
  items: [],
  unread: 0,
  loaded: false,
});

let inFlight: Promise<void> | null = null;

/** What changed in the inbox, for lists kept elsewhere (the notification page's longer list). */
export type InboxChange = { read: Notification } | { allReadAt: string };
const listeners = new Set<(change: InboxChange) => void>();

/** Calls `listener` whenever a notification is read, here or from the bell; returns the unsubscribe. */
export function onInboxChange(listener: (change: InboxChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const announce = (change: InboxChange) => listeners.forEach((listener) => listener(change));

/** Reloads the latest notifications and the unread count. */
export function refreshInbox(): Promise<void> {
  if (inFlight) return inFlight;
  inFlight = (async () => {
    try {
      const page = await call(api.GET('/api/v1/notifications', { params: { query: { limit: LATEST } } }));
      inbox.items = page.items;
      inbox.unread = page.unread;
      inbox.loaded = true;
    } catch {
      // The bell is a convenience; the notification page shows its own errors.
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * Keeps the inbox current while the tab is on screen: at once, then every minute, and as soon
 * as the tab is shown again. A hidden tab asks nothing. Returns the function that stops it.
 */
export function followInbox(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const visible = () => document.visibilityState === 'visible';
  const poll = () => {
    clearTimeout(timer);
    refreshInbox().finally(() => {
      clearTimeout(timer);
      if (visible()) timer = setTimeout(poll, EVERY_MS);
    });
  };
  const onVisibility = () => (visible() ? poll() : clearTimeout(timer));
  document.addEventListener('visibilitychange', onVisibility);
  poll();
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Takes the unread count from a freshly loaded page of notifications. */
export function setUnread(count: number) {
  inbox.unread = count;
}

/** Marks one notification read and returns it as the server now has it. */
export async function markRead(notification: Notification): Promise<Notification> {
  if (notification.readAt) return notification;
  const read = await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: notification.id } } }));
  const index = inbox.items.findIndex((n) => n.id === read.id);
  if (index >= 0) inbox.items[index] = read;
  inbox.unread = Math.max(0, inbox.unread - 1);
  announce({ read });
  return read;
}

/** Marks every notification read. */
export async function markAllRead(): Promise<void> {
  await call(api.POST('/api/v1/notifications/read-all'));
  const now = new Date().toISOString();
  inbox.unread = 0;
  for (const n of inbox.items) n.readAt ??= now;
  announce({ allReadAt: now });
}

/** The notification's in-app path, or null: only same-site paths are ever followed. */
export function notificationLink(notification: Notification): string | null {
  const link = notification.link;
  return link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}

/**
 * Opening a notification: it is marked read, then the app goes where it points. A failed
 * mark does not keep the person from what the notification is about.
 */
export async function openNotification(notification: Notification): Promise<void> {
  try {
    await markRead(notification);
  } catch {
    // Still go; it stays unread and the count says so.
  }
  const link = notificationLink(notification);
  if (link) await goto(link);
}

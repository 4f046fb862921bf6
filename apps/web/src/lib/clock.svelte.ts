import { api } from './api/client.js';

/**
 * “Today” as the server counts it: in the profile's time zone, so a badge saying “due today”
 * agrees with the anchor page's counts even when the device sits in another zone.
 */
export const clock = $state<{ timeZone: string | undefined }>({ timeZone: undefined });

export async function loadTimeZone() {
  try {
    const { data } = await api.GET('/api/v1/profile');
    if (data) clock.timeZone = data.timezone;
  } catch {
    // The device's own zone stands in.
  }
}

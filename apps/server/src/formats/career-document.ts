import type { CareerDocument } from '@career-anchor/contracts';

/**
 * The pieces of a `CareerDocument` (what the JSON Resume and PDF writers take) that a caller not
 * reading from the store — the public page's PDF, the PDF warm-up, tests — fills in as blanks.
 */

/** A profile as the store gives it for someone who filled in nothing. */
export const emptyCareerProfile = (): CareerDocument['profile'] => ({
  displayName: '',
  headline: '',
  summary: '',
  location: '',
  links: [],
  avatarUrl: null,
  email: '',
  phone: '',
  url: '',
  address: {},
  resumeExtra: null,
  handle: null,
  locale: 'en',
});

/** A career entry's stored-item fields, which the writers never print. */
export const unstoredEntryFields = () => ({
  id: '',
  tags: [] as string[],
  isPublic: true,
  extra: null,
  importId: null,
  createdAt: '',
  updatedAt: '',
});

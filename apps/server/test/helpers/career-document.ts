import type { CareerDocument } from '@career-anchor/contracts';

/** A profile as the store gives it for someone who filled in nothing: what tests lay their values over. */
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

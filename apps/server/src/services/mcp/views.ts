import type { Overview, Profile } from '@career-anchor/contracts';

/** The profile without what an assistant has no need of: the contact address, phone and street address. */
function profile(full: Profile) {
  const { email: _email, phone: _phone, address: _address, resumeExtra: _extra, ...rest } = full;
  return rest;
}

/** What assistants are shown of the person's own data. */
export const forAssistant = {
  profile,
  overview: (overview: Overview) => ({ ...overview, profile: profile(overview.profile) }),
};

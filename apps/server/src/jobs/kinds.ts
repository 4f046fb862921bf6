/** The names of user-facing job kinds, shared by the services that enqueue and the registry. */
export const JOB = {
  reportDraft: 'report.draft',
  suggestion: 'suggestion.generate',
} as const;

/** The names of the system's own jobs (e-mail, reminders), shared the same way. */
export const INTERNAL_JOB = {
  mail: 'mail.notification',
  accountMail: 'mail.account',
  resetRequest: 'account.reset-request',
  /** One user's pass, right after they change their reminder settings, so the change shows at once. */
  userTick: 'reminders.user',
  /** Written as a job of its own: it may call a model. */
  reflection: 'reflection.monthly',
} as const;

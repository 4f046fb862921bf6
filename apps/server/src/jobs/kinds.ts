/** The names of user-facing job kinds, shared by the services that enqueue and the registry. */
export const JOB = {
  reportDraft: 'report.draft',
  suggestion: 'suggestion.generate',
} as const;

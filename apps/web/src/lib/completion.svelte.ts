/**
 * Finishing a to-do asks what was done and how well. Any page calls `askCompletion`; the one
 * dialog in the app shell answers with the summary, '' to skip it, or null when cancelled.
 */
interface Request {
  title: string;
  resolve: (summary: string | null) => void;
}

export const completion = $state<{ request: Request | null }>({ request: null });

export function askCompletion(title: string): Promise<string | null> {
  completion.request?.resolve(null);
  return new Promise((resolve) => {
    completion.request = { title, resolve };
  });
}

export function answerCompletion(summary: string | null) {
  const request = completion.request;
  completion.request = null;
  request?.resolve(summary);
}

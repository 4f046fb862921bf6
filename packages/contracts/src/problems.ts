/**
 * Every kind of error the API answers, each an RFC 9457 problem type: the one list the server
 * raises from, serves a page for at `GET /problems/{slug}`, documents in the OpenAPI `Problem`
 * schema, and the README's error catalogue is checked against. One status per type, and its title
 * is the same on every answer of that type.
 */
export interface ProblemTypeEntry {
  status: number;
  title: string;
  /** What the problem means, in a sentence or two. */
  explanation: string;
  /** What a client should do about it. */
  action: string;
}

export const PROBLEM_TYPES = {
  'bad-request': {
    status: 400,
    title: 'Bad request',
    explanation:
      'The request could not be read as it was sent: for example, its body ended before the length its Content-Length header announced.',
    action: 'Send a well-formed HTTP request. The same request sent again gets the same answer.',
  },
  'malformed-url': {
    status: 400,
    title: 'Malformed URL',
    explanation:
      'The address cannot be decoded: a percent sign is not followed by two hexadecimal digits, or the bytes it encodes are not UTF-8.',
    action: 'Percent-encode every path segment and query value as UTF-8 (as encodeURIComponent does) and send it again.',
  },
  'malformed-json': {
    status: 400,
    title: 'Malformed JSON',
    explanation: 'The request says its body is application/json, but the body is empty or is not valid JSON.',
    action: 'Send a valid JSON document, or leave out the Content-Type header when there is no body.',
  },
  'validation-error': {
    status: 400,
    title: 'Invalid request',
    explanation:
      'The request was read, but a value in its path, query or body is missing, of the wrong type or outside its limits, or the request breaks a rule (a period that ends before it starts, a cursor that was altered). The `errors` member names each offending field with a message. Nothing was changed.',
    action:
      'Correct the fields named in `errors` and send the request again. Every limit is in the OpenAPI document at /api/openapi.json.',
  },
  'invalid-value': {
    status: 400,
    title: 'Invalid value',
    explanation:
      'A value passed the request checks, but the database cannot store it (for example a number or date outside its range). Nothing was stored.',
    action: 'Correct the value and send the request again.',
  },
  'unstorable-text': {
    status: 400,
    title: 'Text that cannot be stored',
    explanation:
      'A string in the path, query or body holds a NUL character (U+0000) or a lone UTF-16 surrogate, which is not text; `errors` names the field. Such text is refused, never altered.',
    action: 'Remove the character, or fix the encoding that produced it, and send the request again.',
  },
  'invalid-link': {
    status: 400,
    title: 'Invalid link',
    explanation:
      'The link from an e-mail (to choose a new password, confirm an address or unsubscribe) is not valid: it was altered, has expired or was used already.',
    action: 'Ask for a new e-mail and use the link in it.',
  },
  'invalid-code': {
    status: 400,
    title: 'Invalid code',
    explanation:
      'The code from the authenticator app, or the recovery code, is not right or was used already. Wrong codes count towards the sign-in limit.',
    action:
      'Enter a current code from the app, or an unused recovery code. Too many wrong codes are answered with too-many-requests for a while.',
  },
  'passkey-refused': {
    status: 400,
    title: 'Passkey not accepted',
    explanation:
      'The passkey answer the browser sent could not be verified: it does not match the challenge, the passkey is not registered here, or the person was not verified.',
    action: 'Ask for new options and let the browser try again, or sign in another way.',
  },
  'ai-settings-incomplete': {
    status: 400,
    title: 'AI settings are incomplete',
    explanation: 'The AI provider chosen needs something that is not set: a model name, an API key or a base URL.',
    action: 'Complete the AI settings (PUT /api/v1/settings), or choose the built-in drafter, and try again.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    explanation:
      'The request carries no valid credentials: no session cookie, a session that has ended, or a personal token that is unknown, expired or revoked.',
    action: 'Sign in (a browser session) or send `Authorization: Bearer <personal token>`, then repeat the request.',
  },
  'wrong-credentials': {
    status: 401,
    title: 'Wrong e-mail or password',
    explanation:
      'No account has this e-mail address and this password. The answer is the same whether the address has an account or not.',
    action:
      'Check both and try again. After five wrong passwords in 15 minutes the account refuses sign-ins (too-many-requests) until the window ends.',
  },
  'challenge-expired': {
    status: 401,
    title: 'Sign-in expired',
    explanation: 'The sign-in waiting for its second factor has expired (after 5 minutes) or has had too many wrong codes.',
    action: 'Start again with the password (POST /api/v1/auth/login) or a passkey.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    explanation:
      'The request is understood but not allowed: a write with the session cookie from another site, a personal token where a browser session is needed, or a read-only token used to write. `detail` says which.',
    action:
      'Use a browser session on this site, or a read-write token, as `detail` says. Repeating the request unchanged will not help.',
  },
  'wrong-password': {
    status: 403,
    title: 'Wrong password',
    explanation:
      'The password given to confirm it is you is not this account’s password. Wrong passwords count towards the sign-in limit.',
    action: 'Enter the account’s current password and try again.',
  },
  'wrong-code': {
    status: 403,
    title: 'Wrong code',
    explanation:
      'The code given to confirm it is you (from the authenticator app, or a recovery code) is not right or was used already. Wrong codes count towards the sign-in limit.',
    action: 'Enter a current code from the app, or an unused recovery code, and try again.',
  },
  'recent-sign-in-required': {
    status: 403,
    title: 'Recent sign-in required',
    explanation:
      'This change touches how the account signs in, and the session has not signed in or confirmed it is you within REAUTH_WINDOW_MINUTES (15 by default).',
    action:
      'Confirm it is you with POST /api/v1/auth/confirm (password or code) or POST /api/v1/auth/confirm/passkey, then repeat the request.',
  },
  'two-factor-setup-required': {
    status: 403,
    title: 'Two-factor sign-in required',
    explanation:
      'This server requires two-factor sign-in of every account (REQUIRE_TWO_FACTOR), and this account has not turned it on yet. Until it does, only the account’s own security settings answer.',
    action:
      'Turn on two-factor sign-in (POST /api/v1/auth/2fa/totp/setup, then POST /api/v1/auth/2fa/totp/enable), then repeat the request.',
  },
  'two-factor-required': {
    status: 403,
    title: 'Two-factor sign-in cannot be turned off',
    explanation: 'This server requires two-factor sign-in of every account, so it cannot be turned off.',
    action: 'Keep it on. To move to another authenticator app, ask for new recovery codes or set it up again on the new app.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    explanation:
      'There is nothing at this address for this account: no such route, or an item that does not exist, was deleted, or belongs to someone else (which is never revealed).',
    action: 'Check the path and the id. Deleted items stay in the trash (GET /api/v1/trash) for 30 days.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    explanation: 'The path exists, but not with this method. The `Allow` header lists the methods it takes.',
    action: 'Use one of the methods in the `Allow` header.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    explanation:
      'The request clashes with the current state: the e-mail address already has an account, the public handle is taken, the suggestion was already decided, or two-factor sign-in is already on (or off). `detail` says which.',
    action: 'Read the current state again and decide what to do; the same request sent again gets the same answer.',
  },
  'only-way-in': {
    status: 409,
    title: 'Last way to sign in',
    explanation: 'Removing this passkey or linked provider would leave the account with no way to sign in, so it stays.',
    action: 'Add another way to sign in first (a password, a passkey or a provider), then remove this one.',
  },
  'link-already-used': {
    status: 410,
    title: 'Link already used',
    explanation: 'This unsubscribe link was used already: e-mails of its kind are off.',
    action: 'Nothing to do. E-mails can be turned back on in Settings.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    explanation: 'The request body is larger than the route takes: 1 MB, or 24 MB for imports.',
    action: 'Send a smaller body.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    explanation: 'A path segment is longer than any id or handle this API uses.',
    action: 'Check the address: ids and handles are short, opaque strings taken from earlier answers.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    explanation: 'The request body is not application/json: text, XML and form data are refused.',
    action: 'Send the body as JSON, with `Content-Type: application/json`.',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests',
    explanation:
      'Too many requests in a short time: more API requests a minute than RATE_LIMIT_PER_MIN allows this user or address, or too many wrong passwords, codes or refused sign-ups in 15 minutes.',
    action: 'Wait the number of seconds in the `Retry-After` header, then try again.',
  },
  'ai-rate-limited': {
    status: 429,
    title: 'Too many AI requests',
    explanation: 'This user has made as many AI requests this minute as the server allows.',
    action: 'Wait the number of seconds in the `Retry-After` header, then try again.',
  },
  'ai-quota-exceeded': {
    status: 429,
    title: 'AI quota used up',
    explanation: 'This user’s AI token allowance for today is used up. It renews at midnight UTC.',
    action: 'Wait until the time in the `Retry-After` header has passed; writing by hand works meanwhile.',
  },
  'internal-server-error': {
    status: 500,
    title: 'Internal server error',
    explanation:
      'Something failed on the server’s side. The answer shows no internals; `detail` quotes the request id, which is also in the `x-request-id` header and in the server’s log.',
    action: 'Try again later. If it keeps failing, give the request id to whoever runs the server.',
  },
  'ai-answer-unusable': {
    status: 502,
    title: 'The AI answer was not usable',
    explanation:
      'The model answered with something that does not fit what was asked, even after being asked once to correct it. Nothing was saved.',
    action: 'Try again, or choose another model in the AI settings.',
  },
  'ai-provider-refused': {
    status: 502,
    title: 'The AI provider refused the request',
    explanation:
      'The AI provider refused the request (for example an unknown model, a wrong API key, or a request this provider cannot take); `detail` names the provider, the model and the HTTP status.',
    action: 'Check the API key, the model and the base URL in the AI settings. The same request will be refused again.',
  },
  'ai-service-unusable': {
    status: 502,
    title: 'The AI service could not be used',
    explanation:
      'The AI service at the base URL in the user’s own AI settings could not be used. Why (unreachable, refused, or not a public address) goes to the operator’s log only, so the setting cannot map what the server can reach.',
    action:
      'Check that the base URL is a public http(s) address without a user name, query or fragment, and check the key and the model; or clear the base URL.',
  },
  'ai-provider-unavailable': {
    status: 502,
    title: 'The AI provider is unavailable',
    explanation:
      'The AI provider could not be reached, refused requests for now, answered with a server error or broke off its answer, after retries.',
    action: 'Try again later.',
  },
  'service-unavailable': {
    status: 503,
    title: 'Service unavailable',
    explanation: 'The server cannot serve requests now: its database does not answer.',
    action: 'Try again later. A load balancer should send requests to another process meanwhile.',
  },
  'mail-unavailable': {
    status: 503,
    title: 'E-mail is not available',
    explanation: 'This server has no mail server set up (SMTP_URL), so it cannot send the e-mail asked for.',
    action:
      'Ask whoever runs the server. For a forgotten password they can print a single-use link with `npm run reset-password`.',
  },
  'ai-timeout': {
    status: 504,
    title: 'The AI provider did not answer in time',
    explanation: 'The AI provider did not answer within the time allowed.',
    action: 'Try again later, or choose a faster model.',
  },
} as const satisfies Record<string, ProblemTypeEntry>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const PROBLEM_SLUGS = Object.keys(PROBLEM_TYPES) as ProblemSlug[];

/**
 * A problem type's URI: a relative reference with the full path, resolved against the server
 * that answered (RFC 9457 §3.1.1), so it is the same on every deployment.
 */
export const problemType = (slug: ProblemSlug) => `/problems/${slug}` as const;

export type ProblemTypeUri = ReturnType<typeof problemType>;

export const PROBLEM_TYPE_URIS = PROBLEM_SLUGS.map(problemType) as [ProblemTypeUri, ...ProblemTypeUri[]];

import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string;
  verified: boolean;
}

/**
 * A small stand-in for GitHub's OAuth endpoints (authorize, access_token with PKCE, /user,
 * /user/emails): codes work once and only with the verifier that matches their challenge.
 */
export async function startFakeGitHub(clientId: string, clientSecret: string) {
  let user: FakeGitHubUser = { id: 1001, login: 'octo', name: 'Octo Cat', email: 'octo@example.com', verified: true };
  const codes = new Map<string, { challenge: string; redirectUri: string; user: FakeGitHubUser; used: boolean }>();
  const tokens = new Map<string, FakeGitHubUser>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      if (url.searchParams.get('client_id') !== clientId || url.searchParams.get('code_challenge_method') !== 'S256')
        return json(400, { error: 'bad request' });
      const code = randomBytes(10).toString('hex');
      const redirectUri = url.searchParams.get('redirect_uri')!;
      codes.set(code, { challenge: url.searchParams.get('code_challenge')!, redirectUri, user, used: false });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const entry = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
          return json(200, { error: 'incorrect_client_credentials' });
        if (!entry || entry.used || entry.challenge !== challenge || entry.redirectUri !== form.get('redirect_uri'))
          return json(200, { error: 'bad_verification_code' });
        entry.used = true;
        const token = randomBytes(16).toString('hex');
        tokens.set(token, entry.user);
        return json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      });
      return;
    }
    const who = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!who) return json(401, { message: 'Bad credentials' });
    if (url.pathname === '/api/user') return json(200, { id: who.id, login: who.login, name: who.name });
    if (url.pathname === '/api/user/emails') return json(200, [{ email: who.email, primary: true, verified: who.verified }]);
    return json(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    apiUrl: `${base}/api`,
    setUser(next: FakeGitHubUser) {
      user = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

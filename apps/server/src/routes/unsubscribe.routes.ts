import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { HttpProblem } from '../lib/problem.ts';
import { escapeHtml } from '../lib/mailer.ts';
import type { Services } from '../services/index.ts';

const page = (reply: FastifyReply, status: number, title: string, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.3rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    );

/**
 * The link in every reminder e-mail. Opening it asks for a click (mail scanners open links);
 * the click, or a mail client's one-click POST (List-Unsubscribe-Post), turns that kind off.
 */
export const unsubscribeRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // The token is in the address; whatever body a form or a mail client sends is not needed.
  app.addContentTypeParser('*', { bodyLimit: 4096 }, (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, undefined));
    payload.on('error', done);
  });
  app.get<{ Querystring: { token?: string } }>('/unsubscribe', { schema: { hide: true } }, async (request, reply) => {
    const token = String(request.query.token ?? '').slice(0, 200);
    return page(
      reply,
      200,
      'Stop these e-mails? · 不再接收此类邮件？',
      `<p>Turn off e-mail for this kind of reminder. You can turn it back on in Settings.<br>关闭此类提醒的邮件，之后可在设置中重新开启。</p>` +
        `<form method="post" action="/unsubscribe?token=${encodeURIComponent(token)}"><button type="submit" style="font:inherit;padding:.5rem 1rem">Unsubscribe · 退订</button></form>`,
    );
  });

  app.post<{ Querystring: { token?: string } }>('/unsubscribe', { schema: { hide: true } }, async (request, reply) => {
    try {
      await services.notifications.unsubscribe(String(request.query.token ?? '').slice(0, 200));
      return page(
        reply,
        200,
        'Unsubscribed · 已退订',
        '<p>You will get no more e-mails of this kind.<br>你将不再收到此类邮件。</p>',
      );
    } catch (err) {
      if (!(err instanceof HttpProblem)) throw err;
      return page(reply, err.status, err.title, `<p>${escapeHtml(err.detail ?? '')}</p>`);
    }
  });
};

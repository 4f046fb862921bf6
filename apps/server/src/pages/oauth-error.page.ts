import { escapeHtml as e } from '../lib/mailer.ts';
import { simplePage } from './problem-type.page.ts';

/**
 * The answer to an authorisation request that cannot go back to its client (unknown client,
 * unregistered redirect address): the browser stays here instead of being sent anywhere.
 */
export const renderAuthorizationError = (reason: string) =>
  simplePage(
    'Cannot connect this assistant',
    `<h1>Cannot connect this assistant</h1><p>${e(reason)}</p>` +
      `<p>The assistant sent an authorisation request this server cannot answer, so you have not been sent back to it. Remove the server from the assistant’s settings and add it again; it will register afresh.</p>` +
      `<p lang="zh-CN">无法连接此助手：该请求无法安全地返回给助手。请在助手的设置中移除此服务器后重新添加。</p>`,
  );

import { createHmac } from 'node:crypto';
import type { Request } from 'express';
import { sameSecret } from './token.hasher.js';

/** `absent`: the request carries no such credential; `invalid` says why it does not count. */
export type WebhookCheck = { result: 'absent' | 'valid' } | { result: 'invalid'; message: string };

/** GitHub's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, keyed by GITHUB_WEBHOOK_SECRET. */
export function githubSignatureCheck(req: Request & { rawBody?: Buffer }, secret: string | undefined): WebhookCheck {
  const signature = req.headers['x-hub-signature-256'];
  if (signature === undefined) return { result: 'absent' };
  if (!secret) {
    return {
      result: 'invalid',
      message:
        'The delivery is signed with X-Hub-Signature-256, but GITHUB_WEBHOOK_SECRET is not set on this service: set it to the secret of the GitHub webhook',
    };
  }
  const expected = `sha256=${createHmac('sha256', secret)
    .update(req.rawBody ?? Buffer.alloc(0))
    .digest('hex')}`;
  if (typeof signature === 'string' && sameSecret(signature, expected)) return { result: 'valid' };
  return {
    result: 'invalid',
    message: "The X-Hub-Signature-256 signature does not match GITHUB_WEBHOOK_SECRET: give the GitHub webhook's Secret the same value as GITHUB_WEBHOOK_SECRET",
  };
}

/** GitLab's `X-Gitlab-Token`: the webhook's secret token itself, compared in constant time with GITLAB_WEBHOOK_TOKEN. */
export function gitlabTokenCheck(req: Request, token: string | undefined): WebhookCheck {
  const sent = req.headers['x-gitlab-token'];
  if (sent === undefined) return { result: 'absent' };
  if (!token) {
    return {
      result: 'invalid',
      message: 'The delivery carries X-Gitlab-Token, but GITLAB_WEBHOOK_TOKEN is not set on this service: set it to the secret token of the GitLab webhook',
    };
  }
  if (typeof sent === 'string' && sameSecret(sent, token)) return { result: 'valid' };
  return {
    result: 'invalid',
    message: "The X-Gitlab-Token does not match GITLAB_WEBHOOK_TOKEN: give the GitLab webhook's Secret token the same value as GITLAB_WEBHOOK_TOKEN",
  };
}

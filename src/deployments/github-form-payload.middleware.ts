import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../common/domain.error.js';

const DEPLOYMENTS_PATH = '/api/deployments';
const FORM = 'application/x-www-form-urlencoded';

/**
 * GitHub's default webhook content type sends the JSON as a form field, `payload=<json>`. Every body is
 * read as JSON first (app.setup.ts), so only a deployment body that JSON refused and that is a form
 * arrives here: its payload becomes the body. The signature stays checked over the raw bytes, as GitHub
 * signs them. An Express error handler, registered right after the JSON parser.
 */
export function githubFormPayload(error: unknown, req: Request & { rawBody?: Buffer }, _res: Response, next: NextFunction): void {
  const parseFailed = (error as { type?: unknown } | null)?.type === 'entity.parse.failed';
  if (!parseFailed || !isDeploymentsPath(req.path) || !req.is(FORM) || !req.rawBody) {
    next(error);
    return;
  }
  const payload = new URLSearchParams(req.rawBody.toString('utf8')).get('payload');
  if (payload === null) {
    next(
      new DomainError(
        'invalid_json',
        'The body is form-encoded (application/x-www-form-urlencoded) but has no payload field. ' +
          'Send JSON: a GitHub webhook with Content type application/json, or curl with -H "Content-Type: application/json"; ' +
          'a form delivery is read only as GitHub sends it, payload=<json>',
      ),
    );
    return;
  }
  try {
    req.body = JSON.parse(payload) as unknown;
  } catch {
    next(new DomainError('invalid_json', 'The payload field of the form-encoded body is not valid JSON'));
    return;
  }
  next();
}

function isDeploymentsPath(path: string): boolean {
  return path.replace(/\/+$/, '').toLowerCase() === DEPLOYMENTS_PATH;
}

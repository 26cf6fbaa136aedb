// The HTTP side: basic auth, request log, Atlassian's documents as the referee (jira-sim/openapi),
// fault injection, routing, Jira error shapes. Webhooks caused by a request are held until its
// response has been sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultBody, type FaultInjector } from './fault-injector';
import { JiraHttpError } from './jira-error';
import { journalRequest } from './openapi/conformance';
import { checkRequest, REFUSED, type RequestCheck } from './openapi/request-check';
import { checkResponse } from './openapi/response-check';
import type { Router, RouteResponse } from './router';
import { SimNotFound } from './sim-state';
import type { Fault, SimRequestLog } from './types';
import type { WebhookEmitter } from './webhook-emitter';

const UNAUTHORIZED = { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} };
/** what Jira Cloud answers to a body its schema refuses */
const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

export class RestServer {
  readonly requests: SimRequestLog[] = [];
  private server: Server | undefined;
  private url = '';
  private readonly expectedAuth: string;

  /** answers that do not match the documented response (recorded when `checkResponses` is on) */
  readonly responseProblems: string[] = [];
  /** called once the answer to a matching request has been sent (a test kills the service right then) */
  private answered: { matches: (method: string, path: string) => boolean; then: (entry: SimRequestLog) => void }[] = [];

  afterAnswer(matches: (method: string, path: string) => boolean, then: (entry: SimRequestLog) => void): void {
    this.answered.push({ matches, then });
  }

  constructor(
    private readonly router: Router,
    private readonly faults: FaultInjector,
    private readonly emitter: WebhookEmitter,
    credentials: { email: string; apiToken: string },
    private readonly checkResponses = false,
  ) {
    this.expectedAuth = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
  }

  get baseUrl(): string {
    if (!this.url) throw new Error('The Jira simulator is not started');
    return this.url;
  }

  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const entry: SimRequestLog = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined, status: 0, at: Date.now() };
    this.requests.push(entry);
    entry.body = raw.length > 0 ? raw : undefined;
    if (req.headers.authorization !== this.expectedAuth) return this.respond(res, entry, { status: 401, body: UNAUTHORIZED });
    journalRequest(entry);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
      entry.body = body;
    } catch (e) {
      entry.findings = [{ kind: 'invalid_body', detail: `not JSON: ${(e as Error).message}` }];
      return this.respond(res, entry, { status: 400, body: { errorMessages: [`Unexpected character in JSON: ${(e as Error).message}`], errors: {} } });
    }
    const check = checkRequest({ method, path: url.pathname, query: url.searchParams, body });
    entry.operationId = check.operation?.operationId ?? null;
    if (check.operation) entry.documentedPath = check.operation.path;
    entry.findings = check.findings;
    const refused = this.refusal(method, url.pathname, check);
    if (refused) return this.respond(res, entry, refused);
    const fault = this.faults.take(method, url.pathname);
    if (fault && !fault.applied) return this.fail(req, res, entry, fault);
    if (fault?.applyAfterMs !== undefined) {
      entry.faulted = true;
      await new Promise((resolve) => setTimeout(resolve, fault.applyAfterMs));
      const late = this.route(method, url.pathname, check.query, body, entry);
      if (!res.destroyed) this.respond(res, entry, late);
      return;
    }
    this.emitter.hold();
    let released = false;
    const release = (): void => {
      if (!released) this.emitter.release();
      released = true;
    };
    res.once('finish', release);
    res.once('close', release);
    const result = this.route(method, url.pathname, check.query, body, entry);
    if (fault) return this.fail(req, res, entry, fault, result);
    // the simulator's own 501 (not modelled) and the 410 of a removed API (CHANGE-2046) are not answers the documents describe
    const documentable = result.status !== 501 && !(result.status === 410 && check.operation?.deprecated);
    if (this.checkResponses && check.operation && documentable) {
      for (const problem of checkResponse(check.operation, result.status, result.body)) this.responseProblems.push(`${method} ${url.pathname}: ${problem}`);
    }
    return this.respond(res, entry, result);
  }

  /**
   * What Jira answers before any handler: 404 for a path no document has, 405 for a method it does
   * not document there, 400 for parameters or a body its schema refuses. Undocumented query
   * parameters and `expand` values are not refused: they are left out (Jira ignores them).
   */
  private refusal(method: string, path: string, check: RequestCheck): RouteResponse | null {
    const finding = check.findings[0];
    if (!check.operation) {
      const status = finding?.kind === 'undocumented_method' ? 405 : 404;
      return {
        status,
        body: { errorMessages: [`${status === 404 ? 'Not found' : 'Method not allowed'}: ${method} ${path} (${finding?.detail})`], errors: {} },
      };
    }
    const refused = check.findings.filter((f) => REFUSED.includes(f.kind));
    if (refused.length === 0) return null;
    const payload = refused.some((f) => f.kind === 'invalid_body');
    const details = refused.map((f) => f.detail);
    return { status: 400, body: { errorMessages: payload ? [INVALID_PAYLOAD, ...details] : details, errors: {} } };
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown, entry: SimRequestLog): RouteResponse {
    const match = this.router.match(method, path);
    if (match === undefined || match === 'method-not-allowed') {
      // documented (or a JSM route), but not modelled here: loud, so a test never passes on it
      entry.unhandled = true;
      const what = entry.operationId ? `Atlassian documents ${entry.operationId}, ` : '';
      return { status: 501, body: { errorMessages: [`Jira simulator: ${what}no route models ${method} ${path}`], errors: {} } };
    }
    try {
      const result = match.handler({ method, path, params: match.params, query, body });
      if (result.status < 300) entry.applied = true;
      return result;
    } catch (e) {
      if (e instanceof JiraHttpError) return { status: e.status, body: e.body() };
      if (e instanceof SimNotFound) return { status: 404, body: { errorMessages: [e.message], errors: {} } };
      return { status: 500, body: { errorMessages: [`Jira simulator error: ${(e as Error).stack ?? String(e)}`], errors: {} } };
    }
  }

  private async fail(req: IncomingMessage, res: ServerResponse, entry: SimRequestLog, fault: Fault, result?: RouteResponse): Promise<void> {
    entry.faulted = true;
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.lateMs !== undefined && result) {
      await new Promise((resolve) => setTimeout(resolve, fault.lateMs));
      if (!res.destroyed) this.respond(res, entry, result);
      return;
    }
    if (fault.dropConnection) {
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
    this.respond(res, entry, { status: fault.status, body: faultBody(fault), headers });
  }

  private respond(res: ServerResponse, entry: SimRequestLog, result: RouteResponse): void {
    entry.status = result.status;
    const hook = this.answered.find((h) => h.matches(entry.method, entry.path));
    if (hook) {
      this.answered = this.answered.filter((h) => h !== hook);
      res.once('finish', () => hook.then(entry));
    }
    const headers: Record<string, string> = { 'X-AREQUESTID': `sim-${this.requests.length}`, ...result.headers };
    if (result.body === undefined) {
      res.writeHead(result.status, headers).end();
      return;
    }
    const text = JSON.stringify(result.body);
    res.writeHead(result.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

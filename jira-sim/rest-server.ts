// The HTTP side: basic auth, request log, fault injection, routing, Jira error shapes.
// Webhooks caused by a request are held until its response has been sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultBody, type FaultInjector } from './fault-injector';
import { JiraHttpError } from './jira-error';
import type { Router, RouteResponse } from './router';
import { SimNotFound } from './sim-state';
import type { Fault, SimRequestLog } from './types';
import type { WebhookEmitter } from './webhook-emitter';

const UNAUTHORIZED = { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} };

export class RestServer {
  readonly requests: SimRequestLog[] = [];
  private server: Server | undefined;
  private url = '';
  private readonly expectedAuth: string;

  constructor(
    private readonly router: Router,
    private readonly faults: FaultInjector,
    private readonly emitter: WebhookEmitter,
    credentials: { email: string; apiToken: string },
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
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
      entry.body = body;
    } catch (e) {
      return this.respond(res, entry, { status: 400, body: { errorMessages: [`Unexpected character in JSON: ${(e as Error).message}`], errors: {} } });
    }
    const fault = this.faults.take(method, url.pathname);
    if (fault && !fault.applied) return this.fail(req, res, entry, fault);
    this.emitter.hold();
    let released = false;
    const release = (): void => {
      if (!released) this.emitter.release();
      released = true;
    };
    res.once('finish', release);
    res.once('close', release);
    const result = this.route(method, url, body, entry);
    if (fault) return this.fail(req, res, entry, fault);
    return this.respond(res, entry, result);
  }

  private route(method: string, url: URL, body: unknown, entry: SimRequestLog): RouteResponse {
    const match = this.router.match(method, url.pathname);
    if (match === undefined || match === 'method-not-allowed') {
      entry.unhandled = true;
      const status = match === undefined ? 404 : 405;
      return { status, body: { errorMessages: [`Jira simulator: no route for ${method} ${url.pathname}`], errors: {} } };
    }
    try {
      const result = match.handler({ method, path: url.pathname, params: match.params, query: url.searchParams, body });
      if (result.status < 300) entry.applied = true;
      return result;
    } catch (e) {
      if (e instanceof JiraHttpError) return { status: e.status, body: e.body() };
      if (e instanceof SimNotFound) return { status: 404, body: { errorMessages: [e.message], errors: {} } };
      return { status: 500, body: { errorMessages: [`Jira simulator error: ${(e as Error).stack ?? String(e)}`], errors: {} } };
    }
  }

  private async fail(req: IncomingMessage, res: ServerResponse, entry: SimRequestLog, fault: Fault): Promise<void> {
    entry.faulted = true;
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
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

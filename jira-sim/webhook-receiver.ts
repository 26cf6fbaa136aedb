// A tiny HTTP endpoint that records webhook deliveries (for tests that do not boot the service).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** status answered to every delivery */
  respondWith = 202;
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(this.respondWith, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jira`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  bodies(event?: string): Record<string, unknown>[] {
    return this.received.map((r) => r.body).filter((b) => event === undefined || b.webhookEvent === event);
  }

  clear(): void {
    this.received.length = 0;
  }

  /** X-Hub-Signature check as the service does it: sha256=<hex HMAC of the raw body> */
  static signatureValid(hook: ReceivedWebhook, secret: string): boolean {
    const header = String(hook.headers['x-hub-signature'] ?? '');
    const [method, signature] = header.split('=');
    if (method !== 'sha256' || signature === undefined) return false;
    const expected = createHmac('sha256', secret).update(hook.raw).digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

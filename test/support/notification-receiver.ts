import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  raw: string;
  body: Record<string, unknown> & { id: string; event: string; text: string };
  headers: IncomingHttpHeaders;
  /** what the receiver answered */
  status: number;
}

/** A local webhook receiver like a Slack/Teams incoming webhook: records every POST; can answer 500 for a while. */
export class NotificationReceiver {
  readonly requests: Received[] = [];
  private server?: Server;
  private failures = 0;

  /** answer 500 to the next `n` requests */
  failNext(n: number): void {
    this.failures = n;
  }

  /** the notifications it accepted (answered 2xx), in arrival order */
  accepted(): Received[] {
    return this.requests.filter((r) => r.status < 300);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const status = this.failures > 0 ? 500 : 200;
        if (this.failures > 0) this.failures--;
        this.requests.push({ raw, body: JSON.parse(raw) as Received['body'], headers: req.headers, status });
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver down');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}/hooks/T000/B000/secret-part`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

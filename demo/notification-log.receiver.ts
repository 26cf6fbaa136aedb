import { createServer, type Server } from 'node:http';

/**
 * What a team channel would get, printed instead: the demo points NOTIFY_WEBHOOK_URLS here and
 * each notification body's `text` becomes one log line (the same JSON a Slack or Teams incoming
 * webhook receives).
 */
export class NotificationLogReceiver {
  private server?: Server;

  constructor(private readonly print: (line: string) => void) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event?: string; at?: string; text?: string };
          this.print(`[notification ${body.event}] ${body.at?.slice(0, 16).replace('T', ' ')} ${body.text}`);
        } catch {
          this.print('[notification] (not JSON)');
        }
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/notifications`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

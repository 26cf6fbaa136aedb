import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JiraSimulator } from '../jira-sim';
import { STATUS_NAMES } from './demo-site';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Stands where the Jira site would be: REST calls go through to the simulator, and the dashboard's
 * links (`/browse/KEY`) get a small read-only page of the simulated issue, so a click shows what the
 * service did in "Jira" (status, assignee, links, comments).
 */
export class JiraBrowseProxy {
  private server?: Server;

  constructor(private readonly sim: JiraSimulator) {}

  async start(port = 0): Promise<string> {
    const target = new URL(this.sim.baseUrl);
    this.server = createServer((req, res) => {
      const browse = /^\/browse\/([A-Za-z][A-Za-z0-9]*-\d+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && browse) return this.page(browse[1].toUpperCase(), res);
      this.forward(req, res, target);
    });
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private forward(req: IncomingMessage, res: ServerResponse, target: URL): void {
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  }

  private page(key: string, res: ServerResponse): void {
    const issue = this.sim.issue(key);
    if (!issue) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`No issue ${key} in the simulated Jira`);
    const links = issue.links.map((l) => `${l.inwardKey} → ${l.outwardKey} (${l.type})`);
    const comments = this.sim.comments(key).map((c) => `<li><b>${escape(c.authorId)}</b>${c.public ? '' : ' (internal)'}: ${escape(c.text)}</li>`);
    const rows = [
      ['Status', STATUS_NAMES[issue.statusId] ?? issue.statusId],
      ['Priority', issue.priority],
      ['Assignee', issue.assignee ?? 'Unassigned'],
      ['Sprint', issue.sprintId ? `Sprint ${issue.sprintId}` : '–'],
      ['Labels', issue.labels.join(', ') || '–'],
      ['Links', links.join('; ') || '–'],
    ];
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(`<!doctype html><meta charset="utf-8"><title>${escape(key)}</title>
<body style="font:15px system-ui,sans-serif;max-width:760px;margin:32px auto;color:#1d2433">
<p style="color:#5f6b7d">Simulated Jira (demo) · ${escape(issue.project)}</p><h1>${escape(key)}: ${escape(issue.summary)}</h1>
<table>${rows.map(([k, v]) => `<tr><td style="color:#5f6b7d;padding:3px 16px 3px 0">${k}</td><td>${escape(v)}</td></tr>`).join('')}</table>
<h2>Comments</h2><ul>${comments.join('') || '<li>none</li>'}</ul></body>`);
  }
}

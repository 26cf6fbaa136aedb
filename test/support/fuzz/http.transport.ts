import { type Agent, request as httpRequest } from 'node:http';
import { type FuzzCase, type Headers, PATHS } from './fuzz-case';

/** What came back: the status, or how the request failed, and the start of the body. */
export interface Answer {
  status: number | string;
  body: string;
}

/** One case over a raw node:http request (any bytes, any headers, chunked or not), never rejecting. */
export function send(baseUrl: string, agent: Agent, c: FuzzCase): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const finish = (a: Answer) => {
      if (!answered) {
        answered = true;
        resolve(a);
      }
    };
    const headers: Headers = { ...c.headers };
    if (!c.chunked) headers['content-length'] = String(c.body.length);
    let req;
    try {
      req = httpRequest(`${baseUrl}${PATHS[c.endpoint]}`, { method: 'POST', agent, headers, timeout: 15_000 }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => finish({ status: res.statusCode ?? 'no-status', body: Buffer.concat(chunks).toString('utf8').slice(0, 2048) }));
        res.on('error', (e) => finish({ status: `response-error:${(e as NodeJS.ErrnoException).code ?? e.message}`, body: '' }));
      });
    } catch (error) {
      finish({ status: `client-refused:${(error as Error).message}`, body: '' });
      return;
    }
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => finish({ status: `network:${(e as NodeJS.ErrnoException).code ?? e.message}`, body: '' }));
    if (c.chunked && c.body.length > 1) {
      const cut = Math.floor(c.body.length / 2);
      req.write(c.body.subarray(0, cut));
      req.end(c.body.subarray(cut));
    } else {
      req.end(c.body);
    }
  });
}

export const describeCase = (c: FuzzCase) => {
  const shown = Object.entries(c.headers).filter(([k]) => !k.startsWith('x-fuzz-'));
  const extra = Object.entries(c.headers).filter(([k]) => k.startsWith('x-fuzz-'));
  const headers = Object.fromEntries(shown.map(([k, v]) => [k, (Array.isArray(v) ? v.join(' | ') : v).slice(0, 100)]));
  if (extra.length > 0) headers['(x-fuzz-*)'] = `${extra.length} junk headers, ${extra.reduce((n, [, v]) => n + String(v).length, 0)} characters`;
  const body =
    c.body.length > 200 ? `${JSON.stringify(c.body.subarray(0, 200).toString('latin1'))}… (${c.body.length} bytes)` : JSON.stringify(c.body.toString('latin1'));
  return `${c.endpoint} #${c.index} [${c.label}]${c.chunked ? ' chunked' : ''} headers=${JSON.stringify(headers)} body=${body}`;
};

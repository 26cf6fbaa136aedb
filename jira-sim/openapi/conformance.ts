// The conformance of the calls a simulator received (the service's, in the e2e suite): per operation,
// how many calls and what in them the documents do not have.
import type { SimRequestLog } from '../types';

export interface ConformanceRow {
  /** operationId, or `undocumented` */
  operation: string;
  method: string;
  /** the documented path for an operation; the path as called when undocumented */
  path: string;
  calls: number;
  /** finding kind → how many calls had it */
  findings: Record<string, number>;
  /** a few of the findings' own words */
  examples: string[];
}

const journal: SimRequestLog[] = [];
let journaling = false;

/** From now on every simulator of this process adds each request it receives to the journal (the e2e suite's conformance check). */
export function startJournal(): void {
  journaling = true;
}

export function journalRequest(entry: SimRequestLog): void {
  if (journaling) journal.push(entry);
}

export function journaled(): SimRequestLog[] {
  return [...journal];
}

export function journalingOn(): boolean {
  return journaling;
}

/** Requests by operation; rows with findings are calls the documents do not allow. */
export function conformance(requests: SimRequestLog[]): ConformanceRow[] {
  const rows = new Map<string, ConformanceRow>();
  for (const r of requests) {
    const operation = r.operationId ?? 'undocumented';
    const path = r.documentedPath ?? r.path;
    const key = `${operation} ${r.method} ${path}`;
    const row = rows.get(key) ?? { operation, method: r.method, path, calls: 0, findings: {}, examples: [] };
    row.calls++;
    for (const f of r.findings ?? []) {
      row.findings[f.kind] = (row.findings[f.kind] ?? 0) + 1;
      if (row.examples.length < 3 && !row.examples.includes(f.detail)) row.examples.push(f.detail);
    }
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

export function conforms(row: ConformanceRow): boolean {
  return Object.keys(row.findings).length === 0;
}

/** One line per row: what it is, how often, and what is wrong with it. */
export function describeRow(r: ConformanceRow): string {
  const found = Object.entries(r.findings).map(([k, n]) => `${k} ×${n}`);
  return `${r.operation} (${r.method} ${r.path}): ${r.calls} calls${found.length ? `; ${found.join(', ')}: ${r.examples.join('; ')}` : ''}`;
}

// After the run: the service's calls to Jira in the whole suite (e2e and service tiers), by documented operation, with
// what the conformance check found (test/setup/conformance.after-env.ts writes one file per test file).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default class ConformanceReporter {
  onRunComplete() {
    const dir = process.env.CONFORMANCE_DIR;
    if (!dir || !existsSync(dir)) return;
    const rows = new Map();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.e2e-spec.ts.json'))) {
      for (const row of JSON.parse(readFileSync(join(dir, file), 'utf8'))) {
        const key = `${row.operation} ${row.method} ${row.path}`;
        const into = rows.get(key) ?? { ...row, calls: 0, findings: {}, examples: [] };
        into.calls += row.calls;
        for (const [kind, n] of Object.entries(row.findings)) into.findings[kind] = (into.findings[kind] ?? 0) + n;
        for (const e of row.examples) if (into.examples.length < 3 && !into.examples.includes(e)) into.examples.push(e);
        rows.set(key, into);
      }
    }
    if (rows.size === 0) return;
    const sorted = [...rows.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
    const wrong = sorted.filter((r) => Object.keys(r.findings).length > 0);
    const lines = ['| operation | call | calls | result |', '|---|---|---|---|'];
    for (const r of sorted) {
      const found = Object.entries(r.findings).map(([k, n]) => `${k} ×${n}`);
      lines.push(
        `| ${r.operation} | ${r.method} ${r.path} | ${r.calls} | ${found.length ? `${found.join(', ')}: ${r.examples.join('; ')}` : 'documented, valid'} |`,
      );
    }
    const calls = sorted.reduce((n, r) => n + r.calls, 0);
    const table = `${lines.join('\n')}\n\n${calls} calls to Jira by the service in this run, ${sorted.length} operations; ${wrong.length} with undocumented, deprecated or invalid calls.\n`;
    writeFileSync(join(dir, 'conformance.md'), table);
    process.stdout.write(`\nThe service's calls to Jira, held against Atlassian's documents (also in ${join(dir, 'conformance.md')}):\n${table}`);
  }
}

/** One line of the printed table and of bench/results/latest.json. */
export interface BenchRow {
  id: string;
  figure: string;
  /** the headline value of the row, in `unit` */
  value: number | null;
  unit: string;
  p50Ms?: number | null;
  p99Ms?: number | null;
  samples?: number;
  /** the aim from issue 14, as text; never asserted */
  aim?: string;
  aimMet?: boolean;
  note?: string;
}

export function printTable(rows: BenchRow[]): void {
  const cells = rows.map((r) => [
    r.figure,
    r.value === null ? '—' : `${r.value} ${r.unit}`,
    r.p50Ms === undefined ? '' : r.p50Ms === null ? '—' : `${r.p50Ms}`,
    r.p99Ms === undefined ? '' : r.p99Ms === null ? '—' : `${r.p99Ms}`,
    r.aim ? `${r.aim}${r.aimMet === undefined ? '' : r.aimMet ? ' ✓' : ' ✗'}` : '',
    r.note ?? '',
  ]);
  const header = ['figure', 'value', 'p50 ms', 'p99 ms', 'aim (issue 14)', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

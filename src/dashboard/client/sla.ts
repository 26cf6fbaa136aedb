// A ticket's clocks as people read them: the client's SLA as JSM reports it, and beside it, muted,
// this flow's own 3rd-line targets (never called the client's SLA).
import type { SlaEntry } from './api-types.js';
import { el, formatHours, when } from './dom.js';

const STATE_WORDS: Record<SlaEntry['state'], string> = { running: 'running', paused: 'paused', breached: 'breached', met: 'met' };

function left(e: SlaEntry): string {
  if (e.remainingMs === null) return '';
  const hours = Math.abs(e.remainingMs) / 3_600_000;
  return e.remainingMs >= 0 ? `${formatHours(hours)} left` : `${formatHours(hours)} over`;
}

/** One clock as a chip: "Time to resolution · running · 2.5 h left" (JSM), "3rd-line: pickup · missed" (3rd-line). */
export function slaChip(e: SlaEntry): HTMLElement {
  const jsm = e.source === 'jsm';
  const state = !jsm && e.state === 'breached' ? 'missed' : STATE_WORDS[e.state];
  const name = jsm ? e.name : e.name.replace('3rd-line target: ', '3rd-line: ');
  const detail = e.state === 'running' || e.state === 'paused' ? left(e) : '';
  const title = jsm
    ? `Client SLA on ${e.serviceDeskKey ?? 'the client ticket'}, as JSM reports it${e.breachAt ? `; breach time ${when(e.breachAt)}` : ''}` +
      `${e.readAt ? `; read from JSM ${when(e.readAt)}` : ''}`
    : `This flow's own 3rd-line target (an internal measure, not the client's SLA); due ${when(e.breachAt)}`;
  const risk = e.atRisk ? ' at-risk' : '';
  return el('span', { class: `sla-chip ${e.source === 'jsm' ? 'jsm' : 'third-line'} ${e.state}${risk}`, title }, [
    el('span', { class: 'sla-name', text: jsm && e.serviceDeskKey ? `${e.serviceDeskKey} ${name}` : name }),
    ` · ${e.atRisk ? 'at risk' : state}${detail ? ` · ${detail}` : ''}`,
  ]);
}

/** The JSM clocks first; the 3rd-line targets only when `withTargets` (a queue row shows them when JSM gives none). */
export function slaChips(entries: SlaEntry[] | undefined, withTargets = false): HTMLElement | null {
  const list = entries ?? [];
  const jsm = list.filter((e) => e.source === 'jsm');
  const shown = withTargets || jsm.length === 0 ? list : jsm;
  return shown.length ? el('span', { class: 'sla-chips' }, shown.map(slaChip)) : null;
}

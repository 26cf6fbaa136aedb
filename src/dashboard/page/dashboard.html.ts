import { card, pageShell } from './page.shell.js';

/** The whole dashboard page. */
export function dashboardHtml(nonce: string): string {
  const main = `
  ${card('slot', 'The slot (WIP 1)', 5, 'data-testid="slot"')}
  <section class="card span7"><h2>Aging of the ticket in the slot, against cycle-time percentiles</h2><div id="chart-aging"></div>
    <h2 class="sub">Flow (last 90 days)</h2><div id="stats" class="stats"></div></section>
  ${card('ready', 'Ready for sprint (ranked) · forecast deploy, p50 – p85', 6, 'data-testid="ready"')}
  ${card('triage', 'Triage', 6)}
  ${card('chart-cycle', 'Cycle time of deployed fixes (pickup → deployed)', 6)}
  ${card('chart-throughput', 'Throughput and violations per sprint', 6)}
  ${card('sla', 'Client SLA, as JSM reports it', 7)}
  ${card('violations', 'Recent violations', 5)}
  ${card('changes', 'Pending and failed Jira changes', 12)}
  ${card('quarantined', 'Quarantined webhooks (admin)', 12, 'id="quarantined-card" hidden')}
  ${card('people', 'People who may sign in (admin)', 12, 'id="people-card" hidden')}`;
  return pageShell({
    nonce,
    title: '3rd-line flow',
    heading: '3rd-line support flow',
    main,
    client: 'dashboard',
  });
}

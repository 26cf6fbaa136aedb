import { DASHBOARD_CHARTS } from './dashboard.charts.js';
import { DASHBOARD_CLIENT } from './dashboard.client.js';
import { DASHBOARD_STYLES } from './dashboard.styles.js';

const card = (id: string, title: string, span: number, extra = '') => `<section class="card span${span}" ${extra}><h2>${title}</h2><div id="${id}"><div class="empty">Loading…</div></div></section>`;

/** The whole page; `nonce` lets exactly this page's style and script run under the CSP. */
export function dashboardHtml(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>3rd-line flow</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${DASHBOARD_STYLES}</style>
</head>
<body>
<header>
  <h1>3rd-line support flow</h1>
  <div class="who"><span class="pill" id="designated">…</span><span id="refreshed"></span><button id="sign-out" type="button">Sign out</button></div>
</header>
<main>
  ${card('slot', 'The slot (WIP 1)', 5, 'data-testid="slot"')}
  <section class="card span7"><h2>Aging of the ticket in the slot, against cycle-time percentiles</h2><div id="chart-aging"></div>
    <h2 class="sub">Flow (last 90 days)</h2><div id="stats" class="stats"></div></section>
  ${card('ready', 'Ready for sprint (ranked) · forecast deploy, p50 – p85', 6, 'data-testid="ready"')}
  ${card('triage', 'Triage', 6)}
  ${card('chart-cycle', 'Cycle time of deployed fixes (pickup → deployed)', 6)}
  ${card('chart-throughput', 'Throughput and violations per sprint', 6)}
  ${card('sla', 'SLA breaches', 7)}
  ${card('violations', 'Recent violations', 5)}
  ${card('changes', 'Pending and failed Jira changes', 12)}
</main>
<div id="login" hidden>
  <form id="login-form">
    <h2>Open the dashboard</h2>
    <div class="muted">Paste an API token (any role). It is kept in this browser tab only.</div>
    <input id="token" type="password" autocomplete="off" placeholder="API token" aria-label="API token">
    <div id="login-message" class="error"></div>
    <button type="submit">Open</button>
  </form>
</div>
<script nonce="${nonce}">
(function () {
'use strict';
${DASHBOARD_CHARTS}
${DASHBOARD_CLIENT}
})();
</script>
</body>
</html>`;
}

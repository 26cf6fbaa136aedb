// The dashboard page: reads the API with the tab's token and draws it (the page's HTML:
// src/dashboard/page/dashboard.html.ts; actions: actions.ts; charts: charts.ts).
import './page.css';
import { afterActions, changeActions, pickUpAction, releaseAction, renderQuarantined } from './actions.js';
import type { DashboardOverview, FlowMetrics, Me, Person, QuarantinedWebhook, Queue, Sla, Violation } from './api-types.js';
import { renderRoster, rosterRead, showRoster } from './roster.js';
import { slaChip, slaChips } from './sla.js';
import { cycleTimeScatter, slotAging, throughputBars } from './charts.js';
import { $, badge, el, empty, fill, formatHours, shortDate, table, updatedNow, when } from './dom.js';
import { api, askForToken, issueLink, role, signedIn, signIn, UNAUTHORIZED, view } from './session.js';

const REFRESH_MS = 30_000;

function renderHeader(queue: Queue): void {
  const d = queue.designatedDeveloper;
  $('designated').textContent = d ? `Designated: ${d.accountId}${d.sprintId ? ` · sprint ${d.sprintId}` : ''}` : 'No designated developer';
  $('me').textContent = view.me ? `${view.me.name} · ${view.me.role}` : '';
}

function renderSlot(queue: Queue): void {
  const s = queue.slot;
  const actions = el('div', { class: 'slot-actions' }, [pickUpAction(queue), releaseAction(queue)]);
  if (s.state === 'free' || !s.ticket) {
    fill('slot', [
      el('div', { class: 'free', text: 'Free' }),
      el('p', { class: 'muted', text: 'The designated developer can pick up the top of Ready for sprint.' }),
      actions,
    ]);
    return;
  }
  const held = s.since ? (Date.now() - new Date(s.since).getTime()) / 3_600_000 : null;
  fill('slot', [
    el('div', { class: 'slot-key' }, [issueLink(s.ticket.key)]),
    el('div', { class: 'slot-summary', text: s.ticket.summary ?? '' }),
    el('div', { class: 'muted', text: `Held by ${s.ticket.assignee ?? 'unknown'} since ${when(s.since)} (${formatHours(held)})` }),
    el('div', { class: 'waiting', text: `Waiting for ${s.waitingFor ?? ''}` }),
    ...[slaChips(s.ticket.sla, true)].filter((x) => x !== null),
    actions,
  ]);
}

function forecastOf(r: Queue['ready'][number]): HTMLElement {
  if (!r.forecast) return el('span', { class: 'forecast none', title: r.reason ?? '', text: 'no forecast' });
  const f = r.forecast;
  const title = `Deploy to ${view.releaseEnvironment ?? 'D'}: 50% likely by ${when(f.p50)}, 85% by ${when(f.p85)} (from ${f.samples} fixes)`;
  return el('span', { class: 'forecast', title }, [
    el('span', { class: 'p50', text: shortDate(new Date(f.p50)) }),
    ' – ',
    el('b', { text: shortDate(new Date(f.p85)) }),
  ]);
}

function renderQueue(queue: Queue): void {
  const ready = queue.ready.map((r, i) =>
    el('li', {}, [
      el('span', { class: 'rank', text: String(i + 1) }),
      issueLink(r.key),
      el('span', { class: 'summary', text: r.summary ?? '' }),
      forecastOf(r),
      badge(r.priority),
      slaChips(r.sla) ?? '',
    ]),
  );
  fill('ready', ready.length ? el('ol', { class: 'queue' }, ready) : empty('Ready for sprint is empty'));
  const triage = queue.triage.map((t) => el('li', {}, [issueLink(t.key), el('span', { class: 'summary', text: t.summary ?? '' }), slaChips(t.sla) ?? '']));
  const over = queue.overLimit.map((t) => el('li', {}, [issueLink(t.key), badge('over the WIP limit', 'failed')]));
  fill('triage', triage.length || over.length ? el('ul', { class: 'plain' }, [...over, ...triage]) : empty('Triage is empty'));
}

function renderMetrics(metrics: FlowMetrics): void {
  const names: [keyof Pick<FlowMetrics, 'leadTime' | 'cycleTime' | 'blockedOnDeploy'>, string][] = [
    ['leadTime', 'Lead time (triaged → deployed)'],
    ['cycleTime', 'Cycle time (pickup → deployed)'],
    ['blockedOnDeploy', 'Waiting for the deploy'],
  ];
  fill(
    'stats',
    names.map(([key, name]) => {
      const s = metrics[key];
      const p = (['p50', 'p85', 'p95'] as const).map((k) => el('div', {}, [el('span', { text: k }), el('b', { text: formatHours(s[k]) })]));
      return el('div', { class: 'stat' }, [el('div', { class: 'name', text: `${name} · ${s.count} fixes` }), el('div', { class: 'p' }, p)]);
    }),
  );
  fill('chart-cycle', [cycleTimeScatter(metrics)]);
  fill('chart-throughput', [throughputBars(metrics)]);
}

function renderViolations(list: Violation[]): void {
  const rows = list.slice(0, 8).map((v) => [issueLink(v.ticketKey), v.rule.replace(/_/g, ' '), badge(v.remedy), v.actorAccountId ?? '–', when(v.at)]);
  fill('violations', rows.length ? table(['Ticket', 'Rule', 'Remedy', 'By', 'When'], rows) : empty('No violation recorded'));
}

function renderChanges(dashboard: DashboardOverview): void {
  const all = [...dashboard.jiraChanges.failed, ...dashboard.jiraChanges.pending];
  const rows = all.slice(0, 10).map((c) => {
    const detail = c.error ?? (c.attempts ? `${c.attempts} attempt${c.attempts === 1 ? '' : 's'}` : 'queued');
    return [issueLink(c.ticketKey), c.change, badge(c.status), el('span', {}, [detail, changeActions(c)])];
  });
  fill('changes', rows.length ? table(['Ticket', 'Change', 'Status', 'Detail'], rows) : empty('Every Jira change has been made'));
}

/** The client's SLA as JSM reports it (the clocks that need attention first), and a line on the 3rd-line targets. */
function renderSla(sla: Sla): void {
  const order = { breached: 0, running: 1, paused: 2, met: 3 } as const;
  const clocks = sla.client
    .flatMap((c) => (c.name && c.state in order ? [{ ...c, name: c.name, state: c.state as keyof typeof order }] : []))
    .sort((a, b) => order[a.state] - order[b.state] || (a.breachAt ?? '').localeCompare(b.breachAt ?? ''));
  const rows = clocks
    .slice(0, 8)
    .map((c) => [
      issueLink(c.serviceDeskKey),
      issueLink(c.ticketKey),
      slaChip({ name: c.name, state: c.state, breachAt: c.breachAt, remainingMs: c.remainingMs, source: 'jsm', atRisk: c.atRisk }),
      when(c.breachAt),
    ]);
  const withoutSla = sla.client.filter((c) => c.state === 'none').length;
  const t = sla.targets;
  const targets =
    `3rd-line targets (this flow's own measure${t.calendar ? `, working time ${t.calendar}` : ''}): ${t.clocks.length} open, ` +
    `${t.warnings.length} warned at risk, ${t.missed.length} missed` +
    (withoutSla ? ` · ${withoutSla} client ticket${withoutSla === 1 ? '' : 's'} without an SLA in JSM` : '');
  fill('sla', [
    rows.length ? table(['Client ticket', 'Bug', 'JSM clock', 'Breach time'], rows) : empty('JSM reports no SLA clock on the open bugs'),
    el('div', { class: 'muted', text: targets }),
  ]);
}

/** Draws a panel from its answer, or says it could not be read; the value, when there is one. */
function settle<T>(result: PromiseSettledResult<T>, id: string, render: (value: T) => void): T | null {
  if (result.status === 'fulfilled') {
    render(result.value);
    return result.value;
  }
  const reason = result.reason as Error | undefined;
  if (reason && reason.message !== UNAUTHORIZED) fill(id, [el('div', { class: 'error', text: `Could not load: ${reason.message}` })]);
  return null;
}

/** `background`: the 30-second timer (it does not count as using the session). */
async function refresh(background = false): Promise<void> {
  if (!signedIn()) return askForToken();
  const get = <T>(path: string) => api<T>(path, 'GET', undefined, { background });
  if (!view.me) {
    try {
      view.me = await api<Me>('/api/me');
    } catch (error) {
      if ((error as Error).message === UNAUTHORIZED) return;
    }
  }
  const admin = role() === 'admin';
  $('quarantined-card').hidden = !admin;
  showRoster(admin);
  const [overview, queue, violations, sla, metrics, quarantined, people] = await Promise.allSettled([
    get<DashboardOverview>('/api/dashboard'),
    get<Queue>('/api/queue'),
    get<Violation[]>('/api/violations'),
    get<Sla>('/api/sla'),
    get<FlowMetrics>('/api/flow-metrics'),
    admin ? get<QuarantinedWebhook[]>('/api/webhooks/quarantined') : Promise.resolve([]),
    admin ? api<Person[]>('/api/people', 'GET', undefined, { background, onResponse: rosterRead }) : Promise.resolve([]),
  ]);
  const all = [overview, queue, violations, sla, metrics, quarantined, people];
  if (all.some((x) => x.status === 'rejected' && (x.reason as Error).message === UNAUTHORIZED)) return;
  if (overview.status === 'fulfilled') {
    view.jiraBaseUrl = overview.value.jiraBaseUrl;
    view.releaseEnvironment = overview.value.releaseEnvironment;
  }
  const q = settle(queue, 'slot', (value) => {
    renderHeader(value);
    renderSlot(value);
    renderQueue(value);
  });
  const m = settle(metrics, 'stats', renderMetrics);
  settle(violations, 'violations', renderViolations);
  settle(sla, 'sla', renderSla);
  settle(overview, 'changes', renderChanges);
  if (admin) settle(quarantined, 'quarantined', renderQuarantined);
  if (admin) settle(people, 'people', renderRoster);
  if (q) fill('chart-aging', [slotAging(q.slot, m, Date.now())]);
  $('refreshed').textContent = updatedNow();
  document.body.dataset.loaded = 'true';
}

function start(): void {
  $('action-message').hidden = true;
  void refresh();
  if (view.timer) clearInterval(view.timer);
  view.timer = window.setInterval(() => void refresh(true), REFRESH_MS);
}

afterActions(refresh);
signIn(start);

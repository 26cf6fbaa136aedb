// The ticket page (/tickets/KEY): GET /api/tickets/KEY with the tab's token, drawn as facts, a
// timeline and the Jira changes.
import './page.css';
import { afterActions, attachClientTicketAction } from './actions.js';
import type { DashboardOverview, Me, TicketRecord } from './api-types.js';
import { $, badge, el, empty, fill, table, updatedNow, when } from './dom.js';
import { api, askForToken, jiraLink, signedIn, signIn, UNAUTHORIZED, view } from './session.js';
import { slaChips } from './sla.js';
import { timeline } from './timeline.js';

const KEY = decodeURIComponent(location.pathname.split('/').pop() ?? '').toUpperCase();

function renderFacts(t: TicketRecord): void {
  const k = t.ticket;
  const facts: [string, Node | string][] = [['Key', jiraLink(t.key)]];
  if (k) {
    facts.push(
      ['Summary', k.summary],
      ['Status', `${k.status} (${k.column.replace(/_/g, ' ')})`],
      ['Assignee', k.assignee ?? '–'],
      ['Priority', k.priority ?? '–'],
      ['Labels', k.labels.join(', ') || '–'],
    );
  }
  const hearing = (t.clientTickets ?? []).filter((c) => !c.detachedAt);
  if (hearing.length > 1)
    facts.push([
      'Client tickets',
      el(
        'span',
        {},
        hearing.flatMap((c, i) => (i ? [', ', jiraLink(c.key)] : [jiraLink(c.key)])),
      ),
    ]);
  else if (t.serviceDesk) facts.push(['Service desk', jiraLink(t.serviceDesk.key)]);
  const clocks = slaChips(t.sla, true);
  if (clocks) facts.push(['Clocks', clocks]);
  const attach = t.ticket ? attachClientTicketAction(t.key) : null;
  if (attach) facts.push(['', attach]);
  fill(
    'facts',
    el(
      'dl',
      { class: 'facts' },
      facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', {}, [value])]),
    ),
  );
}

function renderTimeline(t: TicketRecord): void {
  const items = timeline(t).map((i) =>
    el('li', { 'data-type': i.type }, [
      el('span', { class: 'muted', text: when(i.at) }),
      badge(i.kind),
      el('div', {}, [el('div', { class: 'what', text: i.what }), el('div', { class: 'detail', text: i.detail })]),
    ]),
  );
  fill('timeline', items.length ? el('ol', { class: 'timeline' }, items) : empty('Nothing recorded yet'));
}

/** Jira's answer as the outbox recorded it, in words (the nudge's outcomes included). */
const OUTCOME_WORDS: Record<string, string> = {
  applied: 'applied',
  already_done: 'already so in Jira',
  nothing_next: 'nothing in Ready for sprint to nudge',
  nobody_designated: 'nobody designated to nudge',
  slot_taken: 'the slot was taken again',
};

function renderChanges(t: TicketRecord): void {
  const c = t.jiraChanges;
  const all = [...c.pending, ...c.failed, ...c.done, ...(c.abandoned ?? [])].sort((a, b) => a.id - b.id);
  const rows = all.map((x) => {
    const answer =
      x.status === 'abandoned'
        ? `abandoned: ${x.abandonReason ?? ''}${x.error ? ` (Jira: ${x.error})` : ''}`
        : (x.error ??
          (x.outcome ? (OUTCOME_WORDS[x.outcome] ?? x.outcome) : null) ??
          (x.attempts ? `${x.attempts} attempt${x.attempts === 1 ? '' : 's'}` : 'queued'));
    return [String(x.id), x.change, badge(x.status), answer, when(x.finishedAt ?? x.createdAt)];
  });
  fill('changes', rows.length ? table(['#', 'Change', 'Status', 'Jira’s answer', 'When'], rows) : empty('No Jira change was decided for this ticket'));
}

async function refresh(): Promise<void> {
  if (!signedIn()) return askForToken();
  document.title = `${KEY} · 3rd-line flow`;
  $('heading-key').textContent = KEY;
  try {
    view.me ??= await api<Me>('/api/me');
    const [overview, record] = await Promise.all([api<DashboardOverview>('/api/dashboard'), api<TicketRecord>(`/api/tickets/${encodeURIComponent(KEY)}`)]);
    view.jiraBaseUrl = overview.jiraBaseUrl;
    renderFacts(record);
    renderTimeline(record);
    renderChanges(record);
  } catch (error) {
    if ((error as Error).message === UNAUTHORIZED) return;
    fill('timeline', el('div', { class: 'error', text: (error as Error).message }));
  }
  $('refreshed').textContent = updatedNow();
  document.body.dataset.loaded = 'true';
}

afterActions(refresh);
signIn(() => void refresh());

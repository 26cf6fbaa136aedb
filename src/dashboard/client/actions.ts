// The dashboard's actions, each drawn only for the roles that may take it and each confirmed in a
// dialog first: the developer's "Pick up next", the admin's "Release slot", "Retry"/"Abandon" on
// failed Jira changes and "Replay" on quarantined webhooks, and on the ticket page support's "Attach a
// client ticket". Outcomes and the API's refusals are shown
// in the page (#action-message), never only in the console.
import type { JiraChange, QuarantinedWebhook, Queue } from './api-types.js';
import { $, el, empty, fill, table, when } from './dom.js';
import { api, ApiError, issueLink, role, UNAUTHORIZED, view } from './session.js';

interface Action<T> {
  title: string;
  text: string;
  ok: string;
  path: string;
  /** POST unless said */
  method?: 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** the label of the reason asked for, when the action needs one (audited) */
  reason?: string;
  body?: (reason: string) => unknown;
  done: (answer: T) => string;
}

let refreshPage: () => Promise<void> = () => Promise.resolve();

/** What the page does after an action (draw itself again). */
export function afterActions(refresh: () => Promise<void>): void {
  refreshPage = refresh;
}

/** Resolves {reason} when confirmed, null when cancelled. */
function confirmAction(opts: { title: string; text: string; ok: string; reason?: string }): Promise<{ reason: string } | null> {
  const dialog = $<HTMLDialogElement>('confirm');
  const ok = $<HTMLButtonElement>('confirm-ok');
  const cancel = $<HTMLButtonElement>('confirm-cancel');
  const reason = $<HTMLTextAreaElement>('confirm-reason');
  $('confirm-title').textContent = opts.title;
  $('confirm-text').textContent = opts.text;
  ok.textContent = opts.ok;
  reason.value = '';
  $('confirm-reason-row').hidden = !opts.reason;
  $('confirm-reason-label').textContent = opts.reason ?? '';
  return new Promise((resolve) => {
    const done = (result: { reason: string } | null) => {
      ok.onclick = null;
      cancel.onclick = null;
      dialog.oncancel = null;
      dialog.close();
      resolve(result);
    };
    ok.onclick = () => done({ reason: reason.value });
    cancel.onclick = () => done(null);
    dialog.oncancel = (e) => {
      e.preventDefault();
      done(null);
    };
    dialog.showModal();
    (opts.reason ? reason : ok).focus();
  });
}

function say(text: string, ok: boolean): void {
  const box = $('action-message');
  box.textContent = text;
  box.className = `message ${ok ? 'ok' : 'error'}`;
  box.hidden = false;
}

/** Confirms, calls, says the outcome (or the API's refusal), and draws the page again. */
export async function act<T>(opts: Action<T>): Promise<void> {
  $('action-message').hidden = true;
  const answer = await confirmAction(opts);
  if (!answer) return;
  try {
    const result = await api<T>(opts.path, opts.method ?? 'POST', opts.body ? opts.body(answer.reason) : {}, { headers: opts.headers });
    say(opts.done(result), true);
  } catch (error) {
    if ((error as Error).message === UNAUTHORIZED) return;
    const code = error instanceof ApiError && error.code ? ` (${error.code})` : '';
    say(`${opts.title} was refused: ${(error as Error).message}${code}`, false);
  }
  await refreshPage();
}

export function actionButton(label: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: `action ${cls}`, text: label });
  b.addEventListener('click', onClick);
  return b;
}

export function pickUpAction(queue: Queue): HTMLElement | null {
  if (role() !== 'developer') return null;
  const next = queue.ready[0];
  return actionButton(next ? `Pick up next: ${next.key}` : 'Pick up next', 'pick-up', () => {
    void act<{ key: string; summary: string | null }>({
      title: 'Pick up next',
      ok: 'Pick up',
      path: '/api/pickups',
      text: next
        ? `Take ${next.key} (${next.summary ?? ''}), the top of Ready for sprint? It joins the active sprint, is assigned to you and moves to In Progress.`
        : 'Ready for sprint looks empty. Ask for the top ticket anyway?',
      done: (r) => `Picked up ${r.key}${r.summary ? ` (${r.summary})` : ''}.`,
    });
  });
}

export function releaseAction(queue: Queue): HTMLElement | null {
  if (role() !== 'admin' || queue.slot.state !== 'occupied' || !queue.slot.ticket) return null;
  const key = queue.slot.ticket.key;
  return actionButton('Release slot', 'release', () => {
    void act({
      title: 'Release slot',
      ok: 'Release',
      path: '/api/slot/release',
      reason: 'Why is the slot released by hand? (audited)',
      text: `Release ${key} from the slot without a deploy to ${view.releaseEnvironment ?? 'D'}? The next ticket can then be picked up.`,
      body: (reason) => ({ reason }),
      done: () => `Released ${key} from the slot.`,
    });
  });
}

/** Another client reported the same fault: support attaches their ticket to the bug (a Jira link, a note on it, every progress note from then on). */
export function attachClientTicketAction(bugKey: string): HTMLElement | null {
  if (!['support', 'po', 'admin'].includes(role() ?? '')) return null;
  return actionButton('Attach a client ticket', 'attach', () => {
    void act<{ serviceDeskKey: string; clientTickets: string[] }>({
      title: 'Attach a client ticket',
      ok: 'Attach',
      path: `/api/tickets/${encodeURIComponent(bugKey)}/service-desk-links`,
      reason: 'The key of the client ticket that reports the same fault (e.g. SUP-42)',
      text:
        `Attach another client ticket to ${bugKey}? It is linked to the bug in Jira, gets an internal note naming it, ` +
        'and hears every progress note from then on.',
      body: (key) => ({ serviceDeskKey: key.trim().toUpperCase() }),
      done: (r) => `${r.serviceDeskKey} is attached to ${bugKey}; its client tickets: ${r.clientTickets.join(', ')}.`,
    });
  });
}

export function changeActions(c: JiraChange): HTMLElement | null {
  if (role() !== 'admin' || c.status !== 'failed') return null;
  return el('span', { class: 'actions' }, [
    actionButton('Retry', 'retry', () => {
      void act({
        title: 'Retry',
        ok: 'Retry',
        path: `/api/jira-changes/${c.id}/retry`,
        text: `Send "${c.change}" to Jira again? Jira’s state is checked first, so it is not made twice.`,
        done: () => `Jira change ${c.id} (${c.change}) is queued again.`,
      });
    }),
    actionButton('Abandon', 'abandon', () => {
      void act({
        title: 'Abandon',
        ok: 'Abandon',
        path: `/api/jira-changes/${c.id}/abandon`,
        reason: 'Why is it given up? (audited)',
        text: `Give up "${c.change}" for good? It will not be sent to Jira.`,
        body: (reason) => ({ reason }),
        done: () => `Jira change ${c.id} (${c.change}) is abandoned.`,
      });
    }),
  ]);
}

export function renderQuarantined(list: QuarantinedWebhook[]): void {
  const rows = list.slice(0, 20).map((w) => {
    const replay = actionButton('Replay', 'replay', () => {
      void act({
        title: 'Replay',
        ok: 'Replay',
        path: `/api/webhooks/${w.id}/replay`,
        text:
          `Apply webhook ${w.id} (${w.event}${w.issue ? ` of ${w.issue}` : ''}) again? ` +
          `It is applied in the issue’s order; an event older than what the service knows does not undo newer state.`,
        done: () => `Webhook ${w.id} is queued to be applied again.`,
      });
    });
    return [w.issue ? issueLink(w.issue) : '–', w.event, w.reason ?? '–', String(w.attempts), when(w.received), replay];
  });
  fill('quarantined', rows.length ? table(['Issue', 'Event', 'Reason', 'Attempts', 'Received', ''], rows) : empty('No webhook is quarantined'));
}

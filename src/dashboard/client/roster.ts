// The roster panel (admin): who may sign in as a person, with which role and Jira account. Adding
// and removing go through PUT /api/people with the whole list, each confirmed first.
import { act, actionButton } from './actions.js';
import type { Person } from './api-types.js';
import { $, el, empty, fill, table } from './dom.js';

const ROLES: Person['role'][] = ['admin', 'po', 'developer', 'ci', 'support'];

/** The version of the roster this page shows (its ETag): a save made on an older one is refused (409 superseded), not merged. */
let shown: string | null = null;

export function rosterRead(res: Response): void {
  shown = res.headers.get('ETag');
}

export function renderRoster(people: Person[]): void {
  const rows = people.map((p) => [
    p.email,
    p.role,
    p.accountId ?? '–',
    p.tracks?.join(', ') ?? 'all',
    actionButton('Remove', 'remove', () =>
      save(
        people.filter((x) => x.email !== p.email),
        `Take ${p.email} off the roster? They can no longer sign in; their sessions end.`,
        `${p.email} is off the roster.`,
      ),
    ),
  ]);
  fill('people', [
    rows.length ? table(['Email', 'Role', 'Jira account', 'Tracks', ''], rows) : empty('Nobody is on the roster: people cannot sign in yet'),
    addForm(people),
  ]);
}

function addForm(people: Person[]): HTMLElement {
  const email = el('input', { id: 'person-email', type: 'email', placeholder: 'email', 'aria-label': 'Email' });
  const role = el(
    'select',
    { id: 'person-role', 'aria-label': 'Role' },
    ROLES.map((r) => el('option', { value: r, text: r })),
  );
  const account = el('input', { id: 'person-account', placeholder: 'Jira accountId (optional)', 'aria-label': 'Jira accountId' });
  const add = actionButton('Add or change', 'add-person', () => {
    const address = email.value.trim().toLowerCase();
    if (!address) return void email.focus();
    const entry: Person = { email: address, role: role.value as Person['role'], accountId: account.value.trim() || null, tracks: null };
    const known = people.some((p) => p.email === address);
    const next = [...people.filter((p) => p.email !== address), entry];
    save(
      next,
      `${known ? 'Change' : 'Add'} ${address} as ${entry.role}${entry.accountId ? ` (Jira ${entry.accountId})` : ''}?`,
      `${address} is on the roster as ${entry.role}.`,
    );
  });
  return el('div', { class: 'roster-form' }, [email, role, account, add]);
}

function save(next: Person[], text: string, done: string): void {
  const headers: Record<string, string> = shown ? { 'If-Match': shown } : {};
  void act<Person[]>({ title: 'The roster', ok: 'Save', method: 'PUT', path: '/api/people', headers, text, body: () => next, done: () => done });
}

export function showRoster(admin: boolean): void {
  $('people-card').hidden = !admin;
}

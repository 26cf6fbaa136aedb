import type { Role } from './role.js';

import { createHash } from 'node:crypto';

export interface RosterEntry {
  email: string;
  role: Role;
  accountId: string | null;
  tracks: string[] | null;
}

/** The roster's version (its ETag): it changes whenever anything on it changes. */
export function rosterVersion(entries: RosterEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.email.localeCompare(b.email));
  return `"${createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 22)}"`;
}

/** What replacing the roster `before` by `after` changes, in the audit's words ("added …; removed …; changed …"). */
export function rosterDiff(before: RosterEntry[], after: RosterEntry[]): { added: string[]; removed: string[]; changed: string[]; summary: string } {
  const old = new Map(before.map((p) => [p.email, p]));
  const now = new Map(after.map((p) => [p.email, p]));
  const added = after.filter((p) => !old.has(p.email)).map((p) => `${p.email} (${p.role})`);
  const removed = before.filter((p) => !now.has(p.email)).map((p) => p.email);
  const changed = after.flatMap((p) => {
    const was = old.get(p.email);
    if (!was) return [];
    const parts = [
      was.role !== p.role ? `role ${was.role} → ${p.role}` : null,
      was.accountId !== p.accountId ? `accountId ${was.accountId ?? 'none'} → ${p.accountId ?? 'none'}` : null,
      String(was.tracks) !== String(p.tracks) ? `tracks ${was.tracks?.join(',') ?? 'all'} → ${p.tracks?.join(',') ?? 'all'}` : null,
    ].filter((x): x is string => x !== null);
    return parts.length ? [`${p.email}: ${parts.join(', ')}`] : [];
  });
  const summary =
    [
      added.length ? `added ${added.join(', ')}` : null,
      removed.length ? `removed ${removed.join(', ')}` : null,
      changed.length ? `changed ${changed.join('; ')}` : null,
    ]
      .filter(Boolean)
      .join('; ') || 'no change';
  return { added, removed, changed, summary };
}

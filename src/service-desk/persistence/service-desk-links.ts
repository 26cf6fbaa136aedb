import { EntityManager } from 'typeorm';
import { ServiceDeskLinkEntity } from './service-desk-link.entity.js';

/** The client ticket a bug is linked to now (state linked), if any: the one its 3rd-line targets are kept for. */
export function linkOf(m: EntityManager, bugKey: string): Promise<ServiceDeskLinkEntity | null> {
  return m.findOneBy(ServiceDeskLinkEntity, { bugKey, state: 'linked' });
}

/** Every client ticket that hears of the bug: its own link and the ones attached to it, each once, in that order. */
export async function clientTicketsOf(m: EntityManager, bugKey: string): Promise<string[]> {
  const rows: { key: string }[] = await m.query(
    `SELECT service_desk_key AS key FROM (
       SELECT service_desk_key, 0 AS rank, id FROM service_desk_link WHERE bug_key = $1 AND state = 'linked'
       UNION ALL SELECT service_desk_key, 1, id FROM client_ticket WHERE bug_key = $1 AND detached_at IS NULL) t
     ORDER BY rank, id`,
    [bugKey],
  );
  return [...new Set(rows.map((r) => r.key))];
}

/** The client tickets attached to the bug beyond its own link (not detached); with `before`, only those attached before it. */
export async function attachedTo(m: EntityManager, bugKey: string, before?: Date): Promise<string[]> {
  const rows: { key: string }[] = await m.query(
    `SELECT service_desk_key AS key FROM client_ticket WHERE bug_key = $1 AND detached_at IS NULL AND ($2::timestamptz IS NULL OR attached_at < $2) ORDER BY id`,
    [bugKey, before ?? null],
  );
  return rows.map((r) => r.key);
}

/**
 * SQL of the client tickets of every bug, as rows (bug_key, service_desk_key, rank, deployed_at): rank 0
 * for the bug's own link, 1 for the tickets attached to it; `deployed_at` when the bug's fix reached the
 * release environment (null while it has not, or when the bug has no link of its own).
 */
export const CLIENT_TICKETS = `
  SELECT l.bug_key, l.service_desk_key, 0 AS rank, l.resolved_at AS deployed_at FROM service_desk_link l
   WHERE l.state = 'linked' AND l.bug_key IS NOT NULL
  UNION ALL
  SELECT c.bug_key, c.service_desk_key, 1,
         (SELECT l.resolved_at FROM service_desk_link l WHERE l.bug_key = c.bug_key AND l.state = 'linked' LIMIT 1)
    FROM client_ticket c WHERE c.detached_at IS NULL`;

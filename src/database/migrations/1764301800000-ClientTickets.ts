import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The further client tickets of a bug (the same fault reported by several clients): each hears every
 * progress note, as the bug's own service desk link does. Detached (not deleted) when the link in
 * Jira goes, so the ticket page still tells it was attached.
 */
export class ClientTickets1764301800000 implements MigrationInterface {
  name = 'ClientTickets1764301800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE client_ticket (
      id bigserial PRIMARY KEY,
      bug_key text NOT NULL,
      service_desk_key text NOT NULL,
      attached_at timestamptz NOT NULL,
      attached_by text,
      detached_at timestamptz)`);
    await q.query(`CREATE UNIQUE INDEX client_ticket_attached ON client_ticket (bug_key, service_desk_key) WHERE detached_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_ticket`);
  }
}

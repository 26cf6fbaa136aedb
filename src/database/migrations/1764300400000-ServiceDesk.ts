import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDesk1764300400000 implements MigrationInterface {
  name = 'ServiceDesk1764300400000';

  async up(q: QueryRunner): Promise<void> {
    // a bug and the client's service desk ticket it belongs to, with the SLA clock of that pair
    await q.query(`CREATE TABLE service_desk_link (
      id bigserial PRIMARY KEY,
      service_desk_key text NOT NULL,
      bug_key text UNIQUE,
      via text NOT NULL CHECK (via IN ('escalation', 'link_back')),
      state text NOT NULL CHECK (state IN ('creating', 'linked')),
      reported_priority text,
      effective_priority text,
      priority_reason text,
      environment text,
      started_at timestamptz NOT NULL,
      responded_at timestamptz,
      resolved_at timestamptz,
      CHECK (state = 'creating' OR bug_key IS NOT NULL))`);
    // one escalation per service desk ticket: a repeat is 409 already_escalated
    await q.query(`CREATE UNIQUE INDEX service_desk_link_one_escalation ON service_desk_link (service_desk_key) WHERE via = 'escalation'`);
    await q.query(`CREATE INDEX service_desk_link_sd ON service_desk_link (service_desk_key)`);
    await q.query(`CREATE TABLE sla_breach (
      bug_key text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('response', 'resolution')),
      service_desk_key text NOT NULL,
      priority text NOT NULL,
      due_at timestamptz NOT NULL,
      detected_at timestamptz NOT NULL,
      PRIMARY KEY (bug_key, kind))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_breach`);
    await q.query(`DROP TABLE service_desk_link`);
  }
}

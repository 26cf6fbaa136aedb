import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client SLA is JSM's: each client ticket's metrics as last read (client_sla), when each ticket was
 * read (client_sla_read, also for a ticket JSM gives no SLA), the at-risk and breached notices, once per
 * clock cycle (client_sla_notice), and the watch's own state (client_sla_watch). The service's own clocks are the 3rd-line targets, never
 * the client's SLA: their tables and audit types are renamed so.
 */
export class ClientSla1764301900000 implements MigrationInterface {
  name = 'ClientSla1764301900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE client_sla (
      service_desk_key text NOT NULL,
      metric_id text NOT NULL,
      name text NOT NULL,
      state text NOT NULL,
      breach_at timestamptz,
      remaining_ms bigint,
      goal_ms bigint,
      cycle_started_at timestamptz,
      within_calendar_hours boolean,
      ongoing boolean NOT NULL,
      stopped_at timestamptz,
      read_at timestamptz NOT NULL,
      PRIMARY KEY (service_desk_key, metric_id))`);
    // metrics: how many JSM keeps for the ticket (started or not), 0 for a key that is not a request; null until JSM has answered
    await q.query(`CREATE TABLE client_sla_read (
      service_desk_key text PRIMARY KEY,
      read_at timestamptz NOT NULL,
      metrics integer,
      error text)`);
    // one row: the 429 back-off shared by every instance, and the last webhook looked at for client tickets that changed
    await q.query(`CREATE TABLE client_sla_watch (
      id smallint PRIMARY KEY CHECK (id = 1),
      backoff_until timestamptz,
      backoff_ms bigint NOT NULL DEFAULT 0,
      last_webhook_id bigint)`);
    await q.query(`INSERT INTO client_sla_watch (id) VALUES (1)`);
    await q.query(`CREATE TABLE client_sla_notice (
      service_desk_key text NOT NULL,
      metric_id text NOT NULL,
      cycle_started_at timestamptz NOT NULL,
      kind text NOT NULL,
      noted_at timestamptz NOT NULL,
      PRIMARY KEY (service_desk_key, metric_id, cycle_started_at, kind))`);
    await q.query(`ALTER TABLE sla_breach RENAME TO target_miss`);
    await q.query(`ALTER TABLE sla_warning RENAME TO target_warning`);
    await q.query(`UPDATE audit_event SET type = 'target.missed' WHERE type = 'sla.breached'`);
    await q.query(`UPDATE audit_event SET type = 'target.at_risk' WHERE type = 'sla.at_risk'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_event WHERE type IN ('sla.breached', 'sla.at_risk')`);
    await q.query(`UPDATE audit_event SET type = 'sla.breached' WHERE type = 'target.missed'`);
    await q.query(`UPDATE audit_event SET type = 'sla.at_risk' WHERE type = 'target.at_risk'`);
    await q.query(`ALTER TABLE target_warning RENAME TO sla_warning`);
    await q.query(`ALTER TABLE target_miss RENAME TO sla_breach`);
    await q.query(`DROP TABLE client_sla_watch`);
    await q.query(`DROP TABLE client_sla_notice`);
    await q.query(`DROP TABLE client_sla_read`);
    await q.query(`DROP TABLE client_sla`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class JiraLayer1764300100000 implements MigrationInterface {
  name = 'JiraLayer1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook_event (
      id bigserial PRIMARY KEY,
      dedupe_key text NOT NULL UNIQUE,
      event_type text NOT NULL,
      order_key text NOT NULL,
      jira_timestamp bigint NOT NULL,
      body jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'processed', 'quarantined')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      error text,
      processed_at timestamptz)`);
    await q.query(`CREATE INDEX webhook_event_pending ON webhook_event (jira_timestamp, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_event_order_pending ON webhook_event (order_key, jira_timestamp, id) WHERE status = 'pending'`);

    await q.query(`CREATE TABLE jira_command (
      id bigserial PRIMARY KEY,
      ordering_key text NOT NULL,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'in_flight', 'done', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_error text,
      outcome text,
      cause text,
      created_at timestamptz NOT NULL,
      finished_at timestamptz)`);
    await q.query(`CREATE INDEX jira_command_open ON jira_command (ordering_key, id) WHERE status IN ('pending', 'in_flight')`);
    await q.query(`CREATE INDEX jira_command_key ON jira_command (ordering_key, id)`);

    await q.query(`CREATE TABLE ticket (
      key text PRIMARY KEY,
      jira_id text NOT NULL UNIQUE,
      summary text NOT NULL,
      status_id text NOT NULL,
      status_name text NOT NULL,
      board_column text NOT NULL CHECK (board_column IN ('triage', 'ready', 'in_progress', 'other')),
      assignee text,
      labels text[] NOT NULL DEFAULT '{}',
      priority text,
      resolution text,
      links jsonb NOT NULL DEFAULT '[]',
      sprint_ids int[] NOT NULL DEFAULT '{}',
      status_at bigint NOT NULL,
      fields_at bigint NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX ticket_column ON ticket (board_column)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket`);
    await q.query(`DROP TABLE jira_command`);
    await q.query(`DROP TABLE webhook_event`);
  }
}

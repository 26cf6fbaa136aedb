import { MigrationInterface, QueryRunner } from 'typeorm';

export class Flow1764300200000 implements MigrationInterface {
  name = 'Flow1764300200000';

  async up(q: QueryRunner): Promise<void> {
    // the row every flow decision locks (SELECT … FOR UPDATE): decisions on one track are serial
    await q.query(`CREATE TABLE flow_track (
      id text PRIMARY KEY,
      flagged text[] NOT NULL DEFAULT '{}',
      active_sprint_id int,
      rotation text[] NOT NULL DEFAULT '{}',
      rotation_index int NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO flow_track (id) VALUES ('3rd-line')`);
    await q.query(`CREATE TABLE slot_occupancy (
      id bigserial PRIMARY KEY,
      track text NOT NULL REFERENCES flow_track (id),
      ticket_key text NOT NULL,
      picked_up_at timestamptz NOT NULL,
      picked_up_by text NOT NULL,
      via text NOT NULL,
      released_at timestamptz,
      release_reason text CHECK (release_reason IN ('deployed', 'returned', 'cancelled', 'forced')),
      release_cause text,
      released_by text,
      CHECK ((released_at IS NULL) = (release_reason IS NULL)))`);
    // the backstop of WIP 1: whatever the code does, one occupied slot per track
    await q.query(`CREATE UNIQUE INDEX slot_one_occupied ON slot_occupancy (track) WHERE released_at IS NULL`);
    await q.query(`CREATE INDEX slot_occupancy_ticket ON slot_occupancy (ticket_key, id)`);
    await q.query(`CREATE TABLE violation (
      id bigserial PRIMARY KEY,
      ticket_key text NOT NULL,
      rule text NOT NULL CHECK (rule IN ('slot_occupied', 'not_top_of_queue', 'not_designated', 'unlinked_ready')),
      remedy text NOT NULL CHECK (remedy IN ('reverted', 'flagged')),
      actor_account_id text,
      at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX violation_at ON violation (at DESC, id DESC)`);
    await q.query(`CREATE TABLE deployment (
      id text PRIMARY KEY,
      environment text NOT NULL,
      status text NOT NULL,
      issue_keys text[] NOT NULL,
      released text[] NOT NULL DEFAULT '{}',
      source text NOT NULL,
      url text,
      received_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE rota_assignment (
      sprint_id int PRIMARY KEY,
      account_id text NOT NULL,
      assigned_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rota_assignment`);
    await q.query(`DROP TABLE deployment`);
    await q.query(`DROP TABLE violation`);
    await q.query(`DROP TABLE slot_occupancy`);
    await q.query(`DROP TABLE flow_track`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rota's state (active sprint, rotation) leaves the flow's track row for a table of its own. */
export class RotaState1764301000000 implements MigrationInterface {
  name = 'RotaState1764301000000';

  async up(q: QueryRunner): Promise<void> {
    // the row every rota change locks; sprint_started_at: Jira time of the newest sprint_started applied
    await q.query(`CREATE TABLE rota_state (
      id text PRIMARY KEY,
      active_sprint_id int,
      rotation text[] NOT NULL DEFAULT '{}',
      rotation_index int NOT NULL DEFAULT 0,
      sprint_started_at bigint)`);
    await q.query(`INSERT INTO rota_state (id, active_sprint_id, rotation, rotation_index, sprint_started_at)
      SELECT id, active_sprint_id, rotation, rotation_index, sprint_started_at FROM flow_track`);
    await q.query(`ALTER TABLE flow_track DROP COLUMN active_sprint_id, DROP COLUMN rotation, DROP COLUMN rotation_index, DROP COLUMN sprint_started_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flow_track ADD COLUMN active_sprint_id int, ADD COLUMN rotation text[] NOT NULL DEFAULT '{}',
      ADD COLUMN rotation_index int NOT NULL DEFAULT 0, ADD COLUMN sprint_started_at bigint`);
    await q.query(`UPDATE flow_track t SET active_sprint_id = r.active_sprint_id, rotation = r.rotation, rotation_index = r.rotation_index,
      sprint_started_at = r.sprint_started_at FROM rota_state r WHERE r.id = t.id`);
    await q.query(`DROP TABLE rota_state`);
  }
}

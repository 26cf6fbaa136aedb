import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one track the service had, '3rd-line', becomes the track `default` of contract.md "Tracks": the
 * one the environment variables define (its name is TRACK_NAME). Its slot history and rota move with it.
 */
export class DefaultTrack1764302000000 implements MigrationInterface {
  name = 'DefaultTrack1764302000000';

  async up(q: QueryRunner): Promise<void> {
    await rename(q, '3rd-line', 'default');
  }

  async down(q: QueryRunner): Promise<void> {
    await rename(q, 'default', '3rd-line');
  }
}

/** slot_occupancy refers to flow_track: the new row first, the occupancies moved, the old row gone. */
async function rename(q: QueryRunner, from: string, to: string): Promise<void> {
  await q.query(`INSERT INTO flow_track (id, flagged) SELECT $2, flagged FROM flow_track WHERE id = $1`, [from, to]);
  await q.query(`UPDATE slot_occupancy SET track = $2 WHERE track = $1`, [from, to]);
  await q.query(`DELETE FROM flow_track WHERE id = $1`, [from]);
  await q.query(`UPDATE rota_state SET id = $2 WHERE id = $1`, [from, to]);
}

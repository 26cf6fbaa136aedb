import type { DataSource } from 'typeorm';
import type { ClientSlaMetric, ClientSlaState } from '../../jira/jira.types.js';
import { CLIENT_TICKETS } from './service-desk-links.js';

/** A client SLA clock as last read from JSM, with the bug and client ticket it belongs to. */
export interface ClientSlaRow {
  bugKey: string;
  serviceDeskKey: string;
  /** null: the ticket has no clock stored (JSM keeps none, or it was not read yet) */
  metric: Pick<ClientSlaMetric, 'name' | 'state' | 'breachAt' | 'remainingMs' | 'goalMs' | 'ongoing' | 'stoppedAt'> | null;
  readAt: Date | null;
  /** why JSM did not show the ticket's SLA at the last read */
  error: string | null;
}

interface Raw {
  bug_key: string;
  service_desk_key: string;
  name: string | null;
  state: ClientSlaState | null;
  breach_at: Date | null;
  remaining_ms: string | null;
  goal_ms: string | null;
  ongoing: boolean | null;
  stopped_at: Date | null;
  read_at: Date | null;
  error: string | null;
}

const number = (v: string | null) => (v === null ? null : Number(v));

function rowOf(r: Raw): ClientSlaRow {
  const metric =
    r.name === null || r.state === null
      ? null
      : {
          name: r.name,
          state: r.state,
          breachAt: r.breach_at,
          remainingMs: number(r.remaining_ms),
          goalMs: number(r.goal_ms),
          ongoing: r.ongoing === true,
          stoppedAt: r.stopped_at,
        };
  return { bugKey: r.bug_key, serviceDeskKey: r.service_desk_key, metric, readAt: r.read_at, error: r.error };
}

const COLUMNS = `k.bug_key, k.service_desk_key, s.name, s.state, s.breach_at, s.remaining_ms, s.goal_ms, s.ongoing, s.stopped_at,
                 COALESCE(s.read_at, r.read_at) AS read_at, r.error`;

/** The stored clocks of the bugs' client tickets: each bug's own link first, then the attached ones, each ticket's metrics by name. */
export async function clocksOfBugs(db: DataSource, bugKeys: string[]): Promise<ClientSlaRow[]> {
  const rows: Raw[] = await db.query(
    `SELECT ${COLUMNS}
       FROM (SELECT * FROM (${CLIENT_TICKETS}) t WHERE t.bug_key = ANY($1)) k
       JOIN client_sla s ON s.service_desk_key = k.service_desk_key
       LEFT JOIN client_sla_read r ON r.service_desk_key = k.service_desk_key
      ORDER BY k.bug_key, k.rank, k.service_desk_key, s.name`,
    [bugKeys],
  );
  return rows.map(rowOf);
}

/** Every client ticket of a bug not deployed yet, or with a clock still ongoing, with its clocks (one row without a clock when it has none). */
export async function openClocks(db: DataSource): Promise<ClientSlaRow[]> {
  const rows: Raw[] = await db.query(
    `SELECT DISTINCT ${COLUMNS}
       FROM (${CLIENT_TICKETS}) k
       LEFT JOIN client_sla s ON s.service_desk_key = k.service_desk_key
       LEFT JOIN client_sla_read r ON r.service_desk_key = k.service_desk_key
      WHERE k.deployed_at IS NULL OR s.ongoing
      ORDER BY s.breach_at NULLS LAST, k.service_desk_key, s.name`,
  );
  return rows.map(rowOf);
}

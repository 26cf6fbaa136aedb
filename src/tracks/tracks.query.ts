import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_TRACK } from '../common/track.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FlowRepository } from '../flow/persistence/flow.repository.js';

/** A track as GET /api/tracks shows it (contract.md "Tracks"). */
export interface TrackView {
  id: string;
  name: string;
  qaBoardId: number | null;
  sprintBoardId: number | null;
  columns: { triage: string; ready: string; inProgress: string };
  enforcement: 'revert' | 'flag';
  releaseEnvironments: string[];
  triage: { project: string | null; issueType: string; label: string };
  slot: { state: 'free' | 'occupied'; ticket: string | null };
}

/**
 * The tracks: so far the one the environment variables define, `default` (named TRACK_NAME). Tracks
 * kept as data and managed through the API are not built yet.
 */
@Injectable()
export class TracksQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly flow: FlowRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async all(): Promise<TrackView[]> {
    const c = this.config;
    const { state } = await this.flow.load(this.db.manager, false);
    return [
      {
        id: DEFAULT_TRACK,
        name: c.trackName,
        qaBoardId: c.jira?.qaOpsBoardId ?? null,
        sprintBoardId: c.jira?.sprintBoardId ?? null,
        columns: c.columns,
        enforcement: c.enforcementMode,
        releaseEnvironments: [c.releaseEnvironment, ...c.releaseEnvironments.filter((e) => e !== c.releaseEnvironment)],
        triage: { project: c.jira?.triageProject ?? null, issueType: c.triageIssueType, label: c.triageLabel },
        slot: { state: state.holder ? 'occupied' : 'free', ticket: state.holder?.key ?? null },
      },
    ];
  }
}

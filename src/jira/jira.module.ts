import { Global, Module } from '@nestjs/common';
import { JiraStatusProbe } from '../health/jira-status.js';
import { BoardDiscovery } from './board-discovery.service.js';
import { KnownBoards } from './known-boards.js';
import { JiraJsGateway } from './jira-js.gateway.js';
import { JiraGateway } from './jira.gateway.js';
import { BoardJiraStatusProbe } from './jira-status.probe.js';
import { ChangeExecutor } from './outbox/change.executor.js';
import { CommentMarks } from './outbox/comment-marks.js';
import { NudgeExecutor } from './outbox/nudge.executor.js';
import { OutboxSignal } from './outbox/outbox.signal.js';
import { OutboxWorker } from './outbox/outbox.worker.js';
import { OutboxWriter } from './outbox/outbox.writer.js';
import { ReadyForSprint } from './ready-for-sprint.js';
import { RecentChanges } from './recent-changes.js';

@Global()
@Module({
  providers: [
    { provide: JiraGateway, useClass: JiraJsGateway },
    { provide: JiraStatusProbe, useClass: BoardJiraStatusProbe },
    BoardDiscovery,
    KnownBoards,
    RecentChanges,
    ReadyForSprint,
    OutboxSignal,
    OutboxWriter,
    ChangeExecutor,
    CommentMarks,
    NudgeExecutor,
    OutboxWorker,
  ],
  exports: [JiraGateway, JiraStatusProbe, BoardDiscovery, KnownBoards, RecentChanges, ReadyForSprint, OutboxSignal, OutboxWriter, OutboxWorker],
})
export class JiraModule {}

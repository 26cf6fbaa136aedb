import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import type { AppConfig } from '../../src/config/app-config';
import { columnOf, type BoardLayout } from '../../src/jira/board-layout';
import { JiraJsGateway } from '../../src/jira/jira-js.gateway';
import type { JiraIssue } from '../../src/jira/jira.types';
import { TicketEntity } from '../../src/tickets/persistence/ticket.entity';
import { STATUS } from '../../test/support/jira-world';

/**
 * Makes the service track every issue `jql` finds, as its first reconciliation would have left them
 * (same JiraIssue mapping, read through the service's gateway), by inserting the ticket rows in bulk:
 * the first reconciliation itself costs about 0.1 s per issue, too long to set up 1k–10k issues.
 */
export async function trackAll(
  databaseUrl: string,
  jira: { baseUrl: string; email: string; apiToken: string },
  jql: string,
  options: { linked?: boolean } = {},
): Promise<number> {
  const gateway = new JiraJsGateway({ jira: { ...jira, qaOpsBoardId: 1, sprintBoardId: 2, triageProject: 'QAOPS' } } as AppConfig);
  const layout: BoardLayout = {
    triage: [STATUS.triage],
    ready: [STATUS.ready],
    inProgress: [STATUS.inProgress],
    statusNames: {},
    rankFieldId: 'customfield_10019',
    qaFilterJql: 'project = QAOPS',
    activeSprint: null,
    refreshedAt: new Date(),
  };
  const db = new DataSource(dataSourceOptions(databaseUrl));
  await db.initialize();
  try {
    let token: string | null = null;
    let tracked = 0;
    do {
      const page: { issues: JiraIssue[]; nextPageToken: string | null } = await gateway.search(jql, token);
      const at = String(Date.now());
      await db.manager.insert(
        TicketEntity,
        page.issues.map((i) => ({
          key: i.key,
          jiraId: i.id,
          summary: i.summary,
          statusId: i.statusId,
          statusName: i.statusName,
          column: columnOf(layout, i.statusId),
          assignee: i.assignee,
          labels: i.labels,
          priority: i.priority,
          resolution: i.resolution,
          links: i.links as never,
          sprintIds: i.sprintIds,
          statusAt: at,
          fieldsAt: at,
          linksAt: at,
          updatedAt: new Date(),
        })),
      );
      // as link-back would have left them: each bug linked to the JSM ticket it links to in Jira
      const links = options.linked
        ? page.issues.flatMap((i) =>
            i.links
              .filter((l) => l.otherKey.startsWith('SUP-'))
              .slice(0, 1)
              .map((l) => [l.otherKey, i.key]),
          )
        : [];
      if (links.length) {
        await db.query(
          `INSERT INTO service_desk_link (service_desk_key, bug_key, via, state, started_at) SELECT sd, bug, 'link_back', 'linked', now() FROM unnest($1::text[], $2::text[]) AS t(sd, bug)`,
          [links.map((l) => l[0]), links.map((l) => l[1])],
        );
      }
      tracked += page.issues.length;
      token = page.nextPageToken;
    } while (token);
    return tracked;
  } finally {
    await db.destroy();
  }
}

// One paged read of every issue a JQL matches, through the service's own gateway (jira.js over
// HTTP): what a reconcile will have to do first. Run as a child so its peak RSS is its own.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { AppConfig } from '../src/config/app-config';
import { JiraJsGateway } from '../src/jira/jira-js.gateway';
import type { JiraIssue } from '../src/jira/jira.types';

async function main(): Promise<void> {
  const config = {
    jira: {
      baseUrl: process.env.SIM_URL!,
      email: process.env.SIM_EMAIL!,
      apiToken: process.env.SIM_TOKEN!,
      qaOpsBoardId: 1,
      sprintBoardId: 2,
      triageProject: 'QAOPS',
    },
  } as AppConfig;
  const gateway = new JiraJsGateway(config);
  const jql = process.env.JQL!;
  const rssBefore = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const issues: JiraIssue[] = []; // kept, as a reconcile diffing Jira against the database would
  let pages = 0;
  let token: string | null = null;
  do {
    const page = await gateway.search(jql, token);
    issues.push(...page.issues);
    token = page.nextPageToken;
    pages++;
  } while (token);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    JSON.stringify({
      issues: issues.length,
      pages,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBeforeMb: rssBefore / 2 ** 20,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import 'reflect-metadata';
import { loadConfig } from '../../config/config.loader.js';
import { JiraJsGateway } from '../jira-js.gateway.js';
import type { BoardConfiguration } from '../jira.types.js';

type Check = { name: string; ok: boolean; detail: string };

/** `npm run jira:doctor`: checks a real site's configuration and says what is wrong, in plain words. */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.jira) {
    console.log('Jira is not configured: set JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, QA_OPS_BOARD_ID, SPRINT_BOARD_ID and TRIAGE_PROJECT.');
    return 1;
  }
  const jira = new JiraJsGateway(config);
  const checks: Check[] = [];
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      checks.push({ name, ok: true, detail: await run() });
    } catch (error) {
      checks.push({ name, ok: false, detail: (error as Error).message });
    }
  };
  const { qaOpsBoardId, sprintBoardId } = config.jira;
  const boards = new Map<number, Promise<BoardConfiguration>>(); // each board read once, though two columns are checked on one
  const boardOf = (boardId: number): Promise<BoardConfiguration> => {
    const read = boards.get(boardId) ?? jira.boardConfiguration(boardId);
    boards.set(boardId, read);
    return read;
  };
  const column = async (boardId: number, wanted: string, variable: string) => {
    const board = await boardOf(boardId);
    const found = board.columns.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new Error(`${variable}: board "${board.name}" has no column "${wanted}" (columns: ${board.columns.map((c) => c.name).join(', ')})`);
    return `board "${board.name}" column "${found.name}" → statuses ${found.statusIds.join(', ')}`;
  };
  await check('authentication', async () => `signed in as ${(await jira.myself()).displayName}`);
  await check('TRIAGE_COLUMN', () => column(qaOpsBoardId, config.columns.triage, 'TRIAGE_COLUMN'));
  await check('READY_COLUMN', () => column(qaOpsBoardId, config.columns.ready, 'READY_COLUMN'));
  await check('IN_PROGRESS_COLUMN', () => column(sprintBoardId, config.columns.inProgress, 'IN_PROGRESS_COLUMN'));
  await check('active sprint', async () => {
    const sprint = await jira.activeSprint(sprintBoardId);
    if (!sprint) throw new Error(`board ${sprintBoardId} has no active sprint (pickups need one)`);
    return `${sprint.name} (${sprint.id})`;
  });
  await check('SERVICE_DESK_LINK_TYPE', async () => {
    const types = await jira.linkTypes();
    const found = types.find((t) => t.name.toLowerCase() === config.serviceDeskLinkType.toLowerCase());
    if (!found) throw new Error(`no link type "${config.serviceDeskLinkType}" (types: ${types.map((t) => t.name).join(', ')})`);
    return `"${found.name}": outward "${found.outward}", inward "${found.inward}"`;
  });
  await check('SERVICE_DESK_PROJECT', async () => {
    const projects = await jira.serviceDeskProjects();
    if (!projects.includes(config.serviceDeskProject))
      throw new Error(`${config.serviceDeskProject} is not a service desk project (service desks: ${projects.join(', ') || 'none'})`);
    return `${config.serviceDeskProject} is a service desk`;
  });
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(failed ? `\n${failed} problem(s) found.` : '\nJira is set up as the service expects.');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

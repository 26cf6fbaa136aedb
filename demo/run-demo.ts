// `npm run demo`: the service on an embedded PostgreSQL, beside a simulated Jira site with a realistic
// board and two and a half weeks of flow already played; prints the dashboard URL and tokens.
// Ctrl-C stops the service, the simulator and PostgreSQL.
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresLauncher } from '../src/database/embedded-postgres.launcher';
import { startDemo, type Demo } from './demo';

const DATABASE = 'orchestrator_demo';

async function freshDatabase(launcher: EmbeddedPostgresLauncher): Promise<string> {
  const url = await launcher.start();
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await client.end();
  }
  return url;
}

function printWelcome(demo: Demo, slotKey: string | null): void {
  const t = demo.tokens;
  const lines = [
    '',
    '3rd-line support flow orchestrator: demo',
    '',
    `  Dashboard    ${demo.url}/            (sign in with the demo SSO as one of the people below, or paste a token)`,
    `  API docs     ${demo.url}/docs`,
    `  Prometheus   ${demo.url}/metrics`,
    `  Jira (sim)   ${demo.jiraUrl}/browse/${slotKey ?? 'QAOPS-1'}`,
    '',
    ...(demo.people.length
      ? [
          '  People (the demo SSO: type the email as the login name, any password):',
          ...demo.people.map((p) => `    ${p.role.padEnd(10)} ${p.email}${p.accountId ? `   (Jira ${p.accountId})` : ''}`),
          '',
        ]
      : []),
    '  Tokens (Authorization: Bearer <token>):',
    `    po         ${t.po}`,
    `    developer  ${t.ben}   (Ben, designated this sprint)`,
    `    developer  ${t.ada}   (Ada)`,
    `    support    ${t.support}`,
    `    ci         ${t.ci}`,
    `    admin      ${t.admin}`,
    '',
    ...(slotKey
      ? [
          `  ${slotKey} is done and waits for its deploy to D. Deploy it, then let Ben pick up the next ticket:`,
          `    curl -X POST ${demo.url}/api/deployments -H 'Authorization: Bearer ${t.ci}' -H 'Content-Type: application/json' \\`,
          `      -d '{"id":"deploy-d-2240","environment":"D","status":"successful","issueKeys":["${slotKey}"]}'`,
          `    curl -X POST ${demo.url}/api/pickups -H 'Authorization: Bearer ${t.ben}'`,
          '',
        ]
      : []),
    '  Notifications (what NOTIFY_WEBHOOK_URLS receives) are printed as [notification …] lines.',
    '  Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const logger = new ConsoleLogger({ prefix: 'Demo', logLevels: ['warn', 'error', 'fatal'] });
  const launcher = new EmbeddedPostgresLauncher(
    join(process.env.DATA_DIR ?? '.data', 'demo'),
    { log: () => undefined, warn: (m) => console.warn(m) },
    DATABASE,
  );
  let demo: Demo | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    await demo?.close().catch((e: unknown) => console.error(e));
    await launcher.stop().catch((e: unknown) => console.error(e));
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    console.log('Starting PostgreSQL, the Jira simulator and the service; playing 17 days of flow…');
    const databaseUrl = await freshDatabase(launcher);
    demo = await startDemo({ databaseUrl, port: Number(process.env.PORT ?? 3000), logger, onNotification: (line) => console.log(line) });
    const queue = await fetch(`${demo.url}/api/queue`, { headers: { Authorization: `Bearer ${demo.tokens.po}` } }).then(
      (r) => r.json() as Promise<{ slot: { ticket: { key: string } | null } }>,
    );
    printWelcome(demo, queue.slot.ticket?.key ?? null);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await stop(1);
  }
}

void main();

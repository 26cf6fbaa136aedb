import { card, pageShell } from './page.shell.js';

/** /tickets/KEY: one ticket's record as the service saw it. The page holds no data: the client reads it with the tab's token. */
export function ticketHtml(nonce: string): string {
  const main = `
  <section class="card span12"><a href="/">← Dashboard</a></section>
  ${card('facts', 'The ticket', 4)}
  ${card('timeline', 'Timeline: webhooks seen, decisions, Jira changes with Jira’s answers, notes written', 8)}
  ${card('changes', 'Jira changes decided for it', 12)}`;
  return pageShell({
    nonce,
    title: '3rd-line flow',
    heading: '3rd-line support flow · <span id="heading-key"></span>',
    main,
    client: 'ticket',
  });
}

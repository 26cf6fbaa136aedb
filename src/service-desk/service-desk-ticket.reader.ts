import { DomainError } from '../common/domain.error.js';
import { JiraError, JiraNotFoundError } from '../jira/jira.errors.js';
import type { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';

/**
 * A client ticket read before anything is changed for it (an escalation, an attachment): 404 for an
 * unknown key or one outside the service desk project, 502 jira_refused with Jira's reason, 503 when
 * Jira cannot be read.
 */
export async function readServiceDeskTicket(jira: JiraGateway, serviceDeskProject: string, key: string): Promise<JiraIssue> {
  try {
    const ticket = await jira.issue(key);
    if (ticket.projectKey !== serviceDeskProject)
      throw new DomainError('not_found', `${key} is not a ticket of the service desk project ${serviceDeskProject}`);
    return ticket;
  } catch (error) {
    if (error instanceof JiraNotFoundError) throw new DomainError('not_found', `Jira has no ticket ${key}`);
    if (error instanceof JiraError && !error.retryable) {
      throw new DomainError('jira_refused', `Jira refused to show ${key}, nothing was changed: ${error.message}`, { jiraStatus: error.status });
    }
    if (error instanceof JiraError) throw new DomainError('jira_unavailable', `Jira could not be read, nothing was changed: ${error.message}`);
    throw error;
  }
}

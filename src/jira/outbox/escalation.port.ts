/**
 * Escalating a service desk ticket creates its triage bug in Jira; the outbox asks the service desk
 * feature to do it (provided there, looked up when the change is sent, so the Jira layer stays below it).
 */
export abstract class EscalationPort {
  abstract escalateOnce(serviceDeskKey: string): Promise<'applied' | 'already_done'>;
}

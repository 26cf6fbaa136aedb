/** Jira keys are upper case; `sup-7` means SUP-7. */
export function upperCaseKey({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim().toUpperCase() : value;
}

export const TICKET_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;
export const TICKET_KEY_MESSAGE = 'ticketKey must be a Jira issue key such as SUP-7';

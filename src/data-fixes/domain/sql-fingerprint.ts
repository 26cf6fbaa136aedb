import { createHash } from 'node:crypto';

/** The fingerprint that approvals are bound to: any change to the script's text is a new script. */
export function sha256Of(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

import { AuthAndAudit1764300000000 } from './1764300000000-AuthAndAudit.js';

/** Listed explicitly so the same list works compiled (dist) and under Jest. */
export const MIGRATIONS = [AuthAndAudit1764300000000];

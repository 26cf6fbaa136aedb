import { AuthAndAudit1764300000000 } from './1764300000000-AuthAndAudit.js';
import { JiraLayer1764300100000 } from './1764300100000-JiraLayer.js';

/** Listed explicitly so the same list works compiled (dist) and under Jest. */
export const MIGRATIONS = [AuthAndAudit1764300000000, JiraLayer1764300100000];

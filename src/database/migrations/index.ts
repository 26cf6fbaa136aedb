import { AuthAndAudit1764300000000 } from './1764300000000-AuthAndAudit.js';
import { JiraLayer1764300100000 } from './1764300100000-JiraLayer.js';
import { Flow1764300200000 } from './1764300200000-Flow.js';

/** Listed explicitly so the same list works compiled (dist) and under Jest. */
export const MIGRATIONS = [AuthAndAudit1764300000000, JiraLayer1764300100000, Flow1764300200000];

import { AuthAndAudit1764300000000 } from './1764300000000-AuthAndAudit.js';
import { JiraLayer1764300100000 } from './1764300100000-JiraLayer.js';
import { Flow1764300200000 } from './1764300200000-Flow.js';
import { DataFixes1764300300000 } from './1764300300000-DataFixes.js';
import { ServiceDesk1764300400000 } from './1764300400000-ServiceDesk.js';
import { TellingPeople1764300800000 } from './1764300800000-TellingPeople.js';

/** Listed explicitly so the same list works compiled (dist) and under Jest. */
export const MIGRATIONS = [AuthAndAudit1764300000000, JiraLayer1764300100000, Flow1764300200000, DataFixes1764300300000, ServiceDesk1764300400000, TellingPeople1764300800000];

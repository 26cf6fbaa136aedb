/** Characters scanned per string; a key past this point is not seen. */
export const MAX_SCANNED_CHARS = 64 * 1024;
const MAX_DEPTH = 8;
const MAX_VISITED = 10_000;

const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/;
// A run of word characters, "-", a number not followed by a letter or digit. Runs start only after a
// non-word character, so runs never overlap and the scan stays linear even on hostile text.
const CANDIDATE = /(?<![\p{L}\p{N}_])([\p{L}\p{N}_]+)-([1-9][0-9]*)(?![\p{L}\p{N}])/gu;
const WORD_CHAR = /[\p{L}\p{N}_-]/u;
const UPPER = /[A-Z]/;
const KEY_CHAR = /[A-Z0-9_]/;

export function isIssueKey(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 255 && ISSUE_KEY.test(value);
}

/**
 * Jira issue keys found in the given values: strings are scanned, plain objects and arrays are searched
 * (e.g. a GitHub deployment payload), anything else is ignored. Keys are upper case, start after a
 * non-alphanumeric character ("feature/", "fix_", " ") and end before one ("-", "_", "."), so
 * `bugfix/QAOPS-7_rounding` gives QAOPS-7 while `xQAOPS-12` and `QAOPS-12a` give nothing.
 * Deduplicated, in first-seen order.
 */
export function extractIssueKeys(texts: unknown[]): string[] {
  const found = new Set<string>();
  const budget = { visits: MAX_VISITED };
  collect(Array.isArray(texts) ? texts : [], 0, found, budget);
  return [...found];
}

function collect(value: unknown, depth: number, found: Set<string>, budget: { visits: number }): void {
  budget.visits -= 1;
  if (budget.visits < 0) return;
  if (typeof value === 'string') {
    scan(value, found);
    return;
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return;
  const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  for (const child of children) {
    if (budget.visits < 0) return;
    collect(child, depth + 1, found, budget);
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function scan(text: string, found: Set<string>): void {
  for (const match of capped(text).matchAll(CANDIDATE)) {
    const project = projectPart(match[1]);
    if (project !== undefined) found.add(`${project}-${match[2]}`);
  }
}

/** The project key at the end of a word run: upper case, at the run's start or right after "_". */
function projectPart(run: string): string | undefined {
  let start = run.length;
  while (start > 0 && KEY_CHAR.test(run[start - 1])) start -= 1;
  for (let i = start; i < run.length - 1; i += 1) {
    const boundary = i === 0 || run[i - 1] === '_';
    if (boundary && UPPER.test(run[i])) return run.slice(i);
  }
  return undefined;
}

/** Cuts at MAX_SCANNED_CHARS, dropping a word cut in half so "QAOPS-12" never reads as "QAOPS-1". */
function capped(text: string): string {
  if (text.length <= MAX_SCANNED_CHARS) return text;
  let end = MAX_SCANNED_CHARS;
  while (end > 0 && WORD_CHAR.test(text[end])) end -= 1;
  return text.slice(0, end);
}

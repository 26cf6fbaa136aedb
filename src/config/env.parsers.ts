import { STAGES } from './progress-stages.js';
/** A target of SLA_TARGETS as written: days stay days until the calendar says how long a working day is. */
export interface SlaTargetText {
  response: { minutes: number; days: number };
  resolution: { minutes: number; days: number };
}

/** Why a variable's text was refused; the env class reports it after the variable's name. */
export class Refused {
  constructor(readonly reason: string) {}
}

/** Reads one variable's text into its typed value, or says why it cannot. */
export type Parser<T> = (text: string) => T | Refused;

/** A default written as the text a user would set, read by the same parser (a bad default is a bug: it throws). */
export function parsedDefault<T>(parse: Parser<T>, text: string): T {
  const value = parse(text);
  if (value instanceof Refused) throw new Error(`bad default ${JSON.stringify(text)}: ${value.reason}`);
  return value;
}

export const flag: Parser<boolean> = (text) => (text === 'true' ? true : text === 'false' ? false : new Refused('must be true or false'));

/** Comma-separated names, trimmed; blank entries are skipped, but at least one name must remain. */
export const names =
  (reason: string): Parser<string[]> =>
  (text) => {
    const entries = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return entries.length > 0 ? entries : new Refused(reason);
  };

/** Comma-separated entries, trimmed; an empty entry (",," or a trailing comma) or one `valid` refuses fails the whole. */
export const strictList =
  (reason: string, valid: (entry: string) => boolean = () => true): Parser<string[]> =>
  (text) => {
    const entries = text.split(',').map((s) => s.trim());
    return entries.every((e) => e !== '' && valid(e)) ? entries : new Refused(reason);
  };

const MINUTES: Record<string, number> = { m: 1, h: 60, d: 0 };
const DAYS: Record<string, number> = { m: 0, h: 0, d: 1 };
const SLA_ENTRY = /^\s*(\w+)\s*=\s*(\d+)([mhd])\s*\/\s*(\d+)([mhd])\s*$/;
const SLA_FORMAT = 'must look like Critical=1h/4h,High=4h/2d,Medium=1d/5d,Low=3d/20d (response/resolution; units m, h, d)';

/** "Critical=1h/4h,High=4h/2d" → per priority, response and resolution targets in minutes and days (a day's length is the calendar's). */
export const slaTargets: Parser<Record<string, SlaTargetText>> = (text) => {
  const entries: [string, SlaTargetText][] = [];
  for (const entry of text.split(',')) {
    const m = SLA_ENTRY.exec(entry);
    if (!m) return new Refused(SLA_FORMAT);
    if (entries.some(([priority]) => priority === m[1])) return new Refused(`names ${m[1]} twice; give each priority once`);
    const leg = (n: string, unit: string) => ({ minutes: Number(n) * MINUTES[unit], days: Number(n) * DAYS[unit] });
    entries.push([m[1], { response: leg(m[2], m[3]), resolution: leg(m[4], m[5]) }]);
  }
  return Object.fromEntries(entries);
};

const TEMPLATES_FORMAT = 'must be a JSON object such as {"deployed": "The fix for your request is deployed."}';

/** JSON `{stage: text}` → the public comment per stage. */
export const publicTemplates: Parser<Record<string, string>> = (text) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new Refused(TEMPLATES_FORMAT);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new Refused(TEMPLATES_FORMAT);
  const wrong = Object.entries(parsed).find(([stage, value]) => !(STAGES as readonly string[]).includes(stage) || typeof value !== 'string');
  if (wrong) return new Refused(`keys must be among ${STAGES.join(', ')} and values strings (not ${JSON.stringify(wrong[0])})`);
  return parsed as Record<string, string>;
};

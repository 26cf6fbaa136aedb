import type { DeploymentProblem, DeploymentStatus } from './deployment.js';
import { MAX_URL_LENGTH } from './deployment.js';

/** Small readers shared by the body shapes: each returns the value or records why it cannot. */
export type Problems = DeploymentProblem[];

const SHOWN_CHARS = 60;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a received value is quoted in a problem, kept short whatever was sent. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value.length <= SHOWN_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, SHOWN_CHARS))}… (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export interface TextRule {
  required: boolean;
  maxLength?: number;
}

/** A trimmed string; null, absent and blank count as not given. */
export function readText(owner: Record<string, unknown>, key: string, field: string, problems: Problems, rule: TextRule): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null) {
    if (rule.required) problems.push({ field, problem: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ field, problem: `must be a string (got ${describeValue(value)})` });
    return undefined;
  }
  const text = value.trim();
  if (text === '') {
    if (rule.required) problems.push({ field, problem: 'must not be empty' });
    return undefined;
  }
  if (rule.maxLength !== undefined && text.length > rule.maxLength) {
    problems.push({ field, problem: `must be at most ${rule.maxLength} characters (got ${text.length})` });
    return undefined;
  }
  return text;
}

export function readUrl(owner: Record<string, unknown>, key: string, field: string, problems: Problems): string | undefined {
  return readText(owner, key, field, problems, { required: false, maxLength: MAX_URL_LENGTH });
}

export function readStatus(value: unknown, field: string, states: ReadonlyMap<string, DeploymentStatus>, problems: Problems): DeploymentStatus | undefined {
  if (value === undefined || value === null) {
    problems.push({ field, problem: 'is required' });
    return undefined;
  }
  const status = typeof value === 'string' ? states.get(value) : undefined;
  if (status === undefined) {
    problems.push({ field, problem: `must be one of ${[...states.keys()].join(', ')} (got ${describeValue(value)})` });
  }
  return status;
}

export function readWholeNumber(value: unknown, field: string, problems: Problems): number | undefined {
  if (value === undefined || value === null) {
    problems.push({ field, problem: 'is required' });
    return undefined;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  problems.push({ field, problem: `must be a whole number of 0 or more (got ${describeValue(value)})` });
  return undefined;
}

const INT64_MAX = 9_223_372_036_854_775_807n;
const DIGITS = /^\s*[0-9]{1,19}\s*$/;

/**
 * Jira's sequence numbers (int64): a whole number, or a string of digits as CircleCI's Jira orb and the
 * HighwayThree action send them (Jira takes both). Returned as canonical digits, so "007" and 7 are one number.
 */
export function readSequenceNumber(value: unknown, field: string, problems: Problems): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && DIGITS.test(value)) {
    const n = BigInt(value.trim());
    if (n <= INT64_MAX) return n.toString();
  }
  if (value === undefined || value === null) {
    problems.push({ field, problem: 'is required' });
    return undefined;
  }
  problems.push({ field, problem: `must be a whole number of 0 or more, as a number or a string of digits (got ${describeValue(value)})` });
  return undefined;
}

/** An object-valued field; records a problem (and returns undefined) when it is missing or not an object. */
export function readObject(value: unknown, field: string, problems: Problems, holds: string): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  const got = value === undefined || value === null ? 'is required' : `must be an object (got ${describeValue(value)})`;
  problems.push({ field, problem: `${got}; it holds ${holds}` });
  return undefined;
}

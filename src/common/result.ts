/**
 * The one shape of a domain answer: accepted with what it carries, or refused with a code and a
 * sentence for the person (expected refusals are values, not exceptions). A service that must answer
 * HTTP turns a refusal into DomainError(code, message); `Extra` carries what the answer adds.
 */
export type Ok<T extends object = object> = { ok: true } & T;
export type Refused<Code extends string = string, Extra extends object = object> = { ok: false; code: Code; message: string } & Extra;
export type Result<T extends object, Code extends string = string, Extra extends object = object> = Ok<T> | Refused<Code, Extra>;

export function ok(): Ok;
export function ok<T extends object>(value: T): Ok<T>;
export function ok(value: object = {}): Ok {
  return { ok: true, ...value };
}

export function refused<Code extends string>(code: Code, message: string): Refused<Code>;
export function refused<Code extends string, Extra extends object>(code: Code, message: string, extra: Extra): Refused<Code, Extra>;
export function refused(code: string, message: string, extra: object = {}): Refused {
  return { ok: false, code, message, ...extra };
}

import { parse, scan } from 'libpg-query';
import { ok, refused, type Result } from '../../common/result.js';
import { statementProblem } from './sql-statement.rules.js';

/** The verdict of the static check: the message says why; `statement` is the offending statement's text, as written. */
export type SqlVerdict = Result<{ statements: number }, 'unsafe_sql', { statement: string }>;

const unsafe = (statement: string, reason: string): SqlVerdict => refused('unsafe_sql', reason, { statement });

interface RawStatement {
  stmt?: unknown;
  stmt_location?: number;
  stmt_len?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Parses the script with the real PostgreSQL parser (libpg-query, WASM) and checks each statement
 * in order (rules in sql-statement.rules.ts); the first failing statement is reported.
 * The parser's locations are byte offsets into the UTF-8 text, hence the byte slicing.
 */
export async function checkSql(sql: string): Promise<SqlVerdict> {
  if (sql.trim() === '') return unsafe('', 'The script is empty.');
  let stmts: RawStatement[];
  try {
    stmts = ((await parse(sql)).stmts ?? []) as RawStatement[];
  } catch (error) {
    return unparsable(sql, error);
  }
  if (stmts.length === 0) return unsafe(sql.trim(), 'The script has no statement, only comments.');
  const bytes = encoder.encode(sql);
  for (const raw of stmts) {
    const reason = statementProblem(raw.stmt);
    if (reason) return unsafe(textOf(bytes, raw), reason);
  }
  return ok({ statements: stmts.length });
}

function textOf(bytes: Uint8Array, raw: RawStatement): string {
  const start = raw.stmt_location ?? 0;
  const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
  return decoder.decode(bytes.subarray(start, end)).trim();
}

async function unparsable(sql: string, error: unknown): Promise<SqlVerdict> {
  const message = error instanceof Error ? error.message : String(error);
  const cursor = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
  if (cursor === undefined || cursor < 0) return unsafe(sql.trim(), `The script cannot be parsed: ${message}.`);
  // the parser's cursor counts characters (code points) from 0
  const before = Array.from(sql).slice(0, cursor).join('');
  const lines = before.split('\n');
  const where = `line ${lines.length}, column ${Array.from(lines[lines.length - 1]).length + 1}`;
  return unsafe(await statementAround(sql, encoder.encode(before).length), `The script cannot be parsed: ${message} (${where}).`);
}

/** The text between the semicolons around the error, found with the parser's own scanner. */
async function statementAround(sql: string, cursorByte: number): Promise<string> {
  try {
    const { tokens } = await scan(sql);
    const bytes = encoder.encode(sql);
    let start = 0;
    let end = bytes.length;
    for (const token of tokens.filter((t) => t.text === ';')) {
      if (token.end <= cursorByte) start = token.end;
      else {
        end = token.start;
        break;
      }
    }
    return decoder.decode(bytes.subarray(start, end)).trim();
  } catch {
    return sql.trim(); // the scanner fails too, e.g. on an unterminated string
  }
}

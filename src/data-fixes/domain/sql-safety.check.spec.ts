import { describe, expect, it } from '@jest/globals';
import { checkSql } from './sql-safety.check.js';

describe('checkSql: scripts that pass', () => {
  it.each([
    ['an UPDATE with two conditions', 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0', 1],
    ['a DELETE with two conditions', 'DELETE FROM orders WHERE client_id = 7 AND created_at < now()', 1],
    ['three conditions', 'UPDATE t SET a = 1 WHERE b = 2 AND c = 3 AND d = 4', 1],
    ['an AND whose second condition is an OR', 'UPDATE t SET a = 1 WHERE b = 1 AND (c = 2 OR d = 3)', 1],
    ['an OR inside the first of two conditions', 'UPDATE t SET a = 1 WHERE (b = 1 OR c = 2) AND d = 3', 1],
    ['DELETE … USING with two conditions', 'DELETE FROM t USING u WHERE t.u_id = u.id AND u.client = 7', 1],
    ['UPDATE … FROM with two conditions', 'UPDATE t SET a = u.a FROM u WHERE t.id = u.id AND u.client = 7', 1],
    [
      'a CTE that selects, then a guarded UPDATE',
      'WITH x AS (SELECT id FROM u WHERE c = 1) UPDATE t SET a = 1 WHERE t.id IN (SELECT id FROM x) AND t.b = 2',
      1,
    ],
    ['a guarded UPDATE inside a CTE', 'WITH x AS (UPDATE t SET a = 1 WHERE b = 2 AND c = 3 RETURNING id) SELECT count(*) FROM x', 1],
    ['INSERT … SELECT', 'INSERT INTO audit_copy (id, note) SELECT id, note FROM notes WHERE client = 7', 1],
    ['INSERT … ON CONFLICT DO UPDATE', 'INSERT INTO t (id, a) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET a = excluded.a', 1],
    ['a plain SELECT', 'SELECT 1', 1],
    ['a transaction around two guarded statements', 'BEGIN;\nUPDATE t SET a = 1 WHERE b = 2 AND c = 3;\nDELETE FROM u WHERE v = 1 AND w = 2;\nCOMMIT;', 4],
    ['a comment containing a semicolon and "where"', '-- fix; where a=1\nUPDATE t SET a = 1 WHERE b = 2 AND c = 3', 1],
    ['an EXPLAIN ANALYZE of a guarded DELETE', 'EXPLAIN ANALYZE DELETE FROM t WHERE a = 1 AND b = 2', 1],
    ['a column tautology (beyond a static check: review catches it)', 'DELETE FROM t WHERE id = id AND a = a', 1],
  ])('%s passes', async (_name, sql, statements) => {
    expect(await checkSql(sql)).toEqual({ ok: true, statements });
  });
});

describe('checkSql: scripts that are refused', () => {
  it.each([
    ['a single-condition WHERE', 'UPDATE t SET a = 1 WHERE id = 5', 'UPDATE t SET a = 1 WHERE id = 5', /has 1 condition/],
    ['an OR-only WHERE', 'DELETE FROM t WHERE a = 1 OR b = 2', 'DELETE FROM t WHERE a = 1 OR b = 2', /OR at the top level/],
    ['an OR of ANDs', 'DELETE FROM t WHERE (a = 1 AND b = 2) OR c = 3', 'DELETE FROM t WHERE (a = 1 AND b = 2) OR c = 3', /OR at the top level/],
    ['a NOT around two conditions', 'UPDATE t SET a = 1 WHERE NOT (b = 1 AND c = 2)', 'UPDATE t SET a = 1 WHERE NOT (b = 1 AND c = 2)', /has 1 condition/],
    ['an UPDATE without WHERE', 'UPDATE t SET a = 1', 'UPDATE t SET a = 1', /UPDATE of t has no WHERE/],
    ['a DELETE without WHERE', 'DELETE FROM billing.invoices', 'DELETE FROM billing.invoices', /DELETE from billing\.invoices has no WHERE/],
    ['a condition hidden in a comment', 'DELETE FROM t WHERE id = 1 -- and client = 7', 'DELETE FROM t WHERE id = 1 -- and client = 7', /has 1 condition/],
    ['a block comment that looks like a condition', 'DELETE FROM t /* where a=1 and b=2 */', 'DELETE FROM t /* where a=1 and b=2 */', /has no WHERE/],
    [
      '"where … and" inside a string literal',
      "UPDATE t SET note = 'where x and y' WHERE id = 1",
      "UPDATE t SET note = 'where x and y' WHERE id = 1",
      /has 1 condition/,
    ],
    ['constant conditions', 'DELETE FROM t WHERE true AND true', 'DELETE FROM t WHERE true AND true', /has 0 conditions on a column/],
    ['one real condition padded with 1=1', 'DELETE FROM t WHERE 1 = 1 AND id = 5', 'DELETE FROM t WHERE 1 = 1 AND id = 5', /has 1 condition/],
    ['WHERE CURRENT OF a cursor', 'DELETE FROM t WHERE CURRENT OF c', 'DELETE FROM t WHERE CURRENT OF c', /has 0 conditions/],
    ['DELETE … USING with the join only', 'DELETE FROM t USING u WHERE t.u_id = u.id', 'DELETE FROM t USING u WHERE t.u_id = u.id', /has 1 condition/],
    ['UPDATE … FROM with the join only', 'UPDATE t SET a = u.a FROM u WHERE t.id = u.id', 'UPDATE t SET a = u.a FROM u WHERE t.id = u.id', /has 1 condition/],
    [
      'an unguarded UPDATE inside a CTE',
      'WITH x AS (UPDATE t SET a = 1 WHERE b = 2 RETURNING id) SELECT * FROM x',
      'WITH x AS (UPDATE t SET a = 1 WHERE b = 2 RETURNING id) SELECT * FROM x',
      /UPDATE of t \(inside WITH\) has 1 condition/,
    ],
    [
      'an unguarded DELETE after a CTE',
      'WITH x AS (SELECT id FROM u) DELETE FROM t WHERE id IN (SELECT id FROM x)',
      'WITH x AS (SELECT id FROM u) DELETE FROM t WHERE id IN (SELECT id FROM x)',
      /DELETE from t has 1 condition/,
    ],
    [
      'a guarded CTE DELETE feeding an unguarded UPDATE',
      'WITH d AS (DELETE FROM u WHERE a = 1 AND b = 2 RETURNING id) UPDATE t SET c = 1',
      'WITH d AS (DELETE FROM u WHERE a = 1 AND b = 2 RETURNING id) UPDATE t SET c = 1',
      /UPDATE of t has no WHERE/,
    ],
    ['an EXPLAIN ANALYZE of an unguarded DELETE', 'EXPLAIN ANALYZE DELETE FROM t', 'EXPLAIN ANALYZE DELETE FROM t', /DELETE from t has no WHERE/],
    [
      'a bad second statement',
      'UPDATE t SET a = 1 WHERE b = 2 AND c = 3;\n  DELETE FROM u WHERE id = 4;\nSELECT 1',
      'DELETE FROM u WHERE id = 4',
      /DELETE from u has 1 condition/,
    ],
    ['a bad statement after non-ASCII text', "UPDATE t SET n = 'Müller' WHERE a = 1 AND b = 2; DELETE FROM größe", 'DELETE FROM größe', /has no WHERE/],
    ['TRUNCATE', 'TRUNCATE t', 'TRUNCATE t', /TRUNCATE is not allowed/],
    ['DROP TABLE', 'DROP TABLE t', 'DROP TABLE t', /DROP is DDL/],
    ['ALTER TABLE', 'ALTER TABLE t ADD COLUMN c int', 'ALTER TABLE t ADD COLUMN c int', /ALTER TABLE is DDL/],
    ['CREATE TABLE', 'CREATE TABLE t (id int)', 'CREATE TABLE t (id int)', /CREATE TABLE is DDL/],
    ['CREATE INDEX', 'CREATE INDEX i ON t (a)', 'CREATE INDEX i ON t (a)', /CREATE INDEX is DDL/],
    ['GRANT', 'GRANT SELECT ON t TO someone', 'GRANT SELECT ON t TO someone', /GRANT\/REVOKE is DDL/],
    ['REVOKE', 'REVOKE SELECT ON t FROM someone', 'REVOKE SELECT ON t FROM someone', /GRANT\/REVOKE is DDL/],
    ['COMMENT ON', "COMMENT ON TABLE t IS 'x'", "COMMENT ON TABLE t IS 'x'", /COMMENT ON is DDL/],
    ['SELECT INTO', 'SELECT * INTO backup_t FROM t', 'SELECT * INTO backup_t FROM t', /SELECT INTO creates a table/],
    ['CREATE TABLE AS', 'CREATE TABLE backup_t AS SELECT * FROM t', 'CREATE TABLE backup_t AS SELECT * FROM t', /CREATE TABLE AS is DDL/],
    ['a DO block', 'DO $$ BEGIN DELETE FROM t; END $$', 'DO $$ BEGIN DELETE FROM t; END $$', /DO cannot be verified/],
    ['COPY', 'COPY t FROM STDIN', 'COPY t FROM STDIN', /COPY cannot be verified/],
    ['CALL', 'CALL fix_client(7)', 'CALL fix_client(7)', /CALL cannot be verified/],
    ['EXECUTE', 'EXECUTE prepared_fix', 'EXECUTE prepared_fix', /EXECUTE cannot be verified/],
    [
      'MERGE',
      'MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE',
      'MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE',
      /MERGE cannot be verified/,
    ],
    ['SET', 'SET session_replication_role = replica', 'SET session_replication_role = replica', /SET\/RESET cannot be verified/],
  ])('%s is refused', async (_name, sql, statement, reason) => {
    const verdict = await checkSql(sql);
    expect(verdict).toEqual({ ok: false, code: 'unsafe_sql', statement, message: expect.stringMatching(reason) });
  });
});

describe('checkSql: scripts that cannot be checked', () => {
  it.each([
    ['an empty script', '', '', /empty/],
    ['a blank script', '  \n\t', '', /empty/],
    ['only comments', '-- UPDATE t SET a = 1 WHERE b = 2 AND c = 3\n', '-- UPDATE t SET a = 1 WHERE b = 2 AND c = 3', /no statement/],
    ['a syntax error', 'UPDATE t SET a = 1 WHER b = 2', 'UPDATE t SET a = 1 WHER b = 2', /syntax error at or near "WHER" \(line 1, column 20\)/],
    [
      'a syntax error in the second statement',
      'SELECT 1;\nDELETE FRM t WHERE a = 1 AND b = 2;\nSELECT 2',
      'DELETE FRM t WHERE a = 1 AND b = 2',
      /syntax error at or near "FRM" \(line 2, column 8\)/,
    ],
    ['an unterminated string', "UPDATE t SET a = 'x WHERE b = 1 AND c = 2", "UPDATE t SET a = 'x WHERE b = 1 AND c = 2", /unterminated quoted string/],
  ])('%s is refused with the reason', async (_name, sql, statement, reason) => {
    expect(await checkSql(sql)).toEqual({ ok: false, code: 'unsafe_sql', statement, message: expect.stringMatching(reason) });
  });
});

// Tokenizer + recursive-descent parser for the JQL subset the simulator understands.

export class JqlError extends Error {}

export type JqlOperator = '=' | '!=' | 'in' | 'not in' | 'is' | 'is not' | '~' | '!~';

export type JqlValue = { kind: 'literal'; value: string } | { kind: 'function'; name: string; args: string[] } | { kind: 'empty' };

export interface JqlClause {
  kind: 'clause';
  field: string;
  op: JqlOperator;
  values: JqlValue[];
}

export type JqlExpr = JqlClause | { kind: 'and' | 'or'; items: JqlExpr[] } | { kind: 'not'; expr: JqlExpr };

export interface JqlOrder {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where: JqlExpr | null;
  orderBy: JqlOrder[];
}

interface Token {
  type: 'word' | 'string' | 'op' | '(' | ')' | ',' | 'eof';
  text: string;
  pos: number;
}

const OPERATOR_CHARS = /[=!<>~]/;
const WORD_CHAR = /[^\s(),=!<>~"']/;

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, text: ch, pos: i });
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      let text = '';
      i++;
      while (i < jql.length && jql.charAt(i) !== ch) {
        if (jql.charAt(i) === '\\' && i + 1 < jql.length) i++;
        text += jql.charAt(i);
        i++;
      }
      if (i >= jql.length) throw syntaxError(`The quoted string starting at character ${start + 1} has not been completed.`, start);
      i++;
      tokens.push({ type: 'string', text, pos: start });
    } else if (OPERATOR_CHARS.test(ch)) {
      const start = i;
      while (i < jql.length && OPERATOR_CHARS.test(jql.charAt(i))) i++;
      tokens.push({ type: 'op', text: jql.slice(start, i), pos: start });
    } else {
      const start = i;
      while (i < jql.length && WORD_CHAR.test(jql.charAt(i))) i++;
      tokens.push({ type: 'word', text: jql.slice(start, i), pos: start });
    }
  }
  tokens.push({ type: 'eof', text: '<EOF>', pos: jql.length });
  return tokens;
}

function syntaxError(message: string, pos: number): JqlError {
  return new JqlError(`Error in the JQL Query: ${message} (line 1, character ${pos + 1})`);
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by']);

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): JqlQuery {
    const where = this.isKeyword('order') || this.peek().type === 'eof' ? null : this.parseOr();
    const orderBy = this.isKeyword('order') ? this.parseOrderBy() : [];
    const rest = this.peek();
    if (rest.type !== 'eof') throw syntaxError(`Expecting either 'OR' or 'AND' but got '${rest.text}'.`, rest.pos);
    return { where, orderBy };
  }

  private parseOr(): JqlExpr {
    const items = [this.parseAnd()];
    while (this.isKeyword('or') || this.isOp('||')) {
      this.index++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as JqlExpr) : { kind: 'or', items };
  }

  private parseAnd(): JqlExpr {
    const items = [this.parseNot()];
    while (this.isKeyword('and') || this.isOp('&&')) {
      this.index++;
      items.push(this.parseNot());
    }
    return items.length === 1 ? (items[0] as JqlExpr) : { kind: 'and', items };
  }

  private parseNot(): JqlExpr {
    if (this.isKeyword('not') || this.isOp('!')) {
      this.index++;
      return { kind: 'not', expr: this.parseNot() };
    }
    if (this.peek().type === '(') {
      this.index++;
      const expr = this.parseOr();
      this.expect(')', "')'");
      return expr;
    }
    return this.parseClause();
  }

  private parseClause(): JqlClause {
    const fieldToken = this.next();
    if (fieldToken.type !== 'word' && fieldToken.type !== 'string') {
      throw syntaxError(`Expecting a field name but got '${fieldToken.text}'.`, fieldToken.pos);
    }
    if (fieldToken.type === 'word' && RESERVED.has(fieldToken.text.toLowerCase())) {
      throw syntaxError(`The word '${fieldToken.text}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`, fieldToken.pos);
    }
    const op = this.parseOperator();
    if (op === 'in' || op === 'not in') return { kind: 'clause', field: fieldToken.text, op, values: this.parseList() };
    if (op === 'is' || op === 'is not') {
      const value = this.next();
      const word = value.text.toLowerCase();
      if (value.type !== 'word' || (word !== 'empty' && word !== 'null')) {
        throw syntaxError(`Expecting 'EMPTY' or 'NULL' after '${op.toUpperCase()}' but got '${value.text}'.`, value.pos);
      }
      return { kind: 'clause', field: fieldToken.text, op, values: [{ kind: 'empty' }] };
    }
    return { kind: 'clause', field: fieldToken.text, op, values: [this.parseValue()] };
  }

  private parseOperator(): JqlOperator {
    const token = this.next();
    const text = token.text.toLowerCase();
    if (token.type === 'op' && ['=', '!=', '~', '!~'].includes(text)) return text as JqlOperator;
    if (token.type === 'word' && text === 'in') return 'in';
    if (token.type === 'word' && text === 'is') {
      if (this.isKeyword('not')) {
        this.index++;
        return 'is not';
      }
      return 'is';
    }
    if (token.type === 'word' && text === 'not' && this.isKeyword('in')) {
      this.index++;
      return 'not in';
    }
    if (token.type === 'op') throw new JqlError(`The JQL operator '${token.text}' is not supported by the Jira simulator.`);
    throw syntaxError(
      `Expecting operator but got '${token.text}'. The valid operators are '=', '!=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`,
      token.pos,
    );
  }

  private parseList(): JqlValue[] {
    if (this.peek().type !== '(') return [this.parseValue()];
    this.index++;
    const values = [this.parseValue()];
    while (this.peek().type === ',') {
      this.index++;
      values.push(this.parseValue());
    }
    this.expect(')', "')'");
    return values;
  }

  private parseValue(): JqlValue {
    const token = this.next();
    if (token.type === 'string') return { kind: 'literal', value: token.text };
    if (token.type !== 'word') throw syntaxError(`Expecting a value but got '${token.text}'.`, token.pos);
    const lower = token.text.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
    if (RESERVED.has(lower)) {
      throw syntaxError(`The word '${token.text}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`, token.pos);
    }
    if (this.peek().type !== '(') return { kind: 'literal', value: token.text };
    this.index++;
    const args: string[] = [];
    while (this.peek().type !== ')') {
      const arg = this.next();
      if (arg.type !== 'word' && arg.type !== 'string') throw syntaxError(`Unexpected '${arg.text}' in function arguments.`, arg.pos);
      args.push(arg.text);
      if (this.peek().type === ',') this.index++;
    }
    this.index++;
    return { kind: 'function', name: token.text, args };
  }

  private parseOrderBy(): JqlOrder[] {
    this.index++;
    if (!this.isKeyword('by')) throw syntaxError(`Expecting 'by' but got '${this.peek().text}'.`, this.peek().pos);
    this.index++;
    const orders: JqlOrder[] = [];
    do {
      if (orders.length > 0) this.index++;
      const field = this.next();
      if (field.type !== 'word' && field.type !== 'string') throw syntaxError(`Expecting a field name but got '${field.text}'.`, field.pos);
      let direction: 'asc' | 'desc' = 'asc';
      if (this.isKeyword('asc') || this.isKeyword('desc')) direction = this.next().text.toLowerCase() as 'asc' | 'desc';
      orders.push({ field: field.text, direction });
    } while (this.peek().type === ',');
    return orders;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === 'word' && token.text.toLowerCase() === word;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.text === op;
  }

  private expect(type: Token['type'], label: string): void {
    const token = this.next();
    if (token.type !== type) throw syntaxError(`Expecting ${label} but got '${token.text}'.`, token.pos);
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parseQuery();
}

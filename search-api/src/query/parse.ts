import { readFileSync } from 'node:fs';
import peggy from 'peggy';
import type { QueryAst } from './ast.ts';
import { regexProblem } from './functions.ts';
import { QuerySyntaxError } from './syntax-error.ts';

export { QuerySyntaxError };

const MAX_QUERY_LENGTH = 10_000;
/** Deeper nesting is refused before parsing: the parser and compilers recurse once per level. */
const MAX_NESTING = 64;

// Generated once per process from the grammar next to this file; no build step.
const parser = peggy.generate(readFileSync(new URL('./grammar.peggy', import.meta.url), 'utf8'));

type Expectation = peggy.parser.Expectation;

/**
 * Expectations that only add noise to a message: the ways a search term can start (implied by "a
 * search term"), and the optional connectors and operators that could follow a word.
 */
const NOISE = new Set(["'('", "'-'", "'NOT'", "'AND'", "'OR'", "'>='", "'<='", "'>'", "'<'", "':'", 'field name']);

function describe(expectation: Expectation): string[] {
  switch (expectation.type) {
    case 'literal':
      return [`'${expectation.text}'`];
    case 'other':
      return expectation.description === 'whitespace' ? [] : [expectation.description];
    case 'end':
      return ['end of query'];
    case 'class':
      // Only small sets of single characters read well, e.g. ']' or '}'.
      if (expectation.inverted) return [];
      return expectation.parts.every((part) => typeof part === 'string')
        ? expectation.parts.map((part) => `'${String(part)}'`)
        : [];
    default:
      return [];
  }
}

function listExpectations(expected: readonly Expectation[]): string | undefined {
  const names = [...new Set(expected.flatMap(describe))];
  const quiet = names.filter((name) => !NOISE.has(name));
  const wanted = quiet.length > 0 ? quiet : names;
  const shown = wanted.map((name) => (/^[a-z]/.test(name) && name !== 'end of query' ? `a ${name}` : name));
  if (shown.length <= 1) return shown[0];
  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

function messageFor(error: peggy.parser.SyntaxError): string {
  // error() calls in the grammar carry their own message and no expectation list.
  if (!error.expected) return error.message;
  const expectsParen = error.expected.some((e) => e.type === 'literal' && e.text === ')');
  if (error.found === ')' && !expectsParen) return "unexpected ')' without a matching '('";
  const found = error.found === null ? 'the query ended' : `found '${error.found}'`;
  const wanted = listExpectations(error.expected);
  if (wanted === undefined) return error.found === null ? 'the query ended too early' : `unexpected '${error.found}'`;
  return `expected ${wanted} but ${found}`;
}

function checkNesting(text: string): void {
  let depth = 0;
  for (let offset = 0; offset < text.length; offset++) {
    if (text[offset] === '(') depth++;
    else if (text[offset] === ')') depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) {
      throw new QuerySyntaxError(`parentheses are nested more than ${MAX_NESTING} deep`, offset, offset + 1);
    }
  }
}

/** Text to AST. Throws QuerySyntaxError, and nothing else, for a query that cannot run. */
export function parseQuery(text: string): QueryAst {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(
      `query is longer than ${MAX_QUERY_LENGTH} characters`,
      MAX_QUERY_LENGTH,
      MAX_QUERY_LENGTH + 1,
    );
  }
  checkNesting(text);
  try {
    return parser.parse(text, { checkRegex: regexProblem }) as QueryAst;
  } catch (error) {
    if (!(error instanceof parser.SyntaxError)) throw error;
    const { start } = error.location;
    throw new QuerySyntaxError(messageFor(error), start.offset, start.column, start.line);
  }
}

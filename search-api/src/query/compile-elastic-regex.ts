import type { Loc } from './ast.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/**
 * The query language's regexes are JavaScript syntax (the SQLite store runs them with RegExp); the
 * engines run Lucene regexes. Both match the whole value. This rewrites the common JavaScript forms
 * into Lucene's: anchors are dropped (Lucene always anchors), `(?:` groups become plain groups,
 * `\n`/`\t`/`\xHH`/`\uHHHH` become the character, and characters Lucene would read as operators
 * (`"`, `#`, `@`, `&`, `~`, `<`, `>`) are escaped. Word boundaries have no Lucene equivalent.
 */

const LUCENE_OPERATORS = new Set(['"', '#', '@', '&', '~', '<', '>']);
const CLASS_SHORTHANDS = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const CONTROL: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
const LUCENE_SPECIAL = /[.?+*|{}[\]()"\\#@&<>~^$]/;

function literal(char: string): string {
  return LUCENE_SPECIAL.test(char) ? `\\${char}` : char;
}

function hexEscape(pattern: string, index: number, length: number): { char: string; consumed: number } | undefined {
  const digits = pattern.slice(index, index + length);
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return undefined;
  return { char: String.fromCharCode(parseInt(digits, 16)), consumed: length };
}

/** One escape sequence starting at the backslash; answers the Lucene text and the characters read. */
function escape(pattern: string, index: number, loc: Loc): { text: string; consumed: number } {
  const next = pattern[index + 1] ?? '';
  if (next === 'b' || next === 'B')
    throw QuerySyntaxError.at(
      loc,
      'word boundaries (\\b) are not supported by this store; match the whole value instead',
    );
  if (CLASS_SHORTHANDS.has(next)) return { text: `\\${next}`, consumed: 2 };
  const control = CONTROL[next];
  if (control !== undefined) return { text: control, consumed: 2 };
  const hex =
    next === 'x' ? hexEscape(pattern, index + 2, 2) : next === 'u' ? hexEscape(pattern, index + 2, 4) : undefined;
  if (hex) return { text: literal(hex.char), consumed: 2 + hex.consumed };
  return { text: `\\${next}`, consumed: 2 };
}

/** Translates a JavaScript regex (already checked by regexProblem) into Lucene syntax. */
export function luceneRegex(pattern: string, loc: Loc): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const { text, consumed } = escape(pattern, i, loc);
      out += text;
      i += consumed;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += LUCENE_OPERATORS.has(c) ? `\\${c}` : c;
      i++;
      continue;
    }
    const previous = pattern[i - 1];
    const following = pattern[i + 1];
    if (c === '[') inClass = true;
    if (c === '^' && (i === 0 || previous === '(' || previous === '|')) {
      i++;
      continue;
    }
    if (c === '$' && (following === undefined || following === ')' || following === '|')) {
      i++;
      continue;
    }
    if (c === '(' && following === '?') {
      // (?:x) and (?<name>x) are plain groups; lookarounds were refused before.
      const named = /^\(\?<[A-Za-z_][A-Za-z0-9_]*>/.exec(pattern.slice(i));
      out += '(';
      i += named ? named[0].length : 3;
      continue;
    }
    out += LUCENE_OPERATORS.has(c) ? `\\${c}` : c;
    i++;
  }
  return out;
}

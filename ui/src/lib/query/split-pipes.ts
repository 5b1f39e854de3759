/**
 * Splits query text into its filter and its pipes (`| stats ...`). A `|` starts a pipe unless it is
 * inside a quoted phrase, escaped, or inside a `field:/regex/` — the same places the grammar allows
 * it — so the split is exact without parsing the whole language here.
 */
export interface SplitQuery {
  filter: string;
  /** From the first `|` to the end (empty when there are no pipes). */
  pipes: string;
}

export function splitPipes(text: string): SplitQuery {
  const at = firstPipeIndex(text);
  if (at < 0) return { filter: text.trim(), pipes: '' };
  return { filter: text.slice(0, at).trim(), pipes: text.slice(at).trim() };
}

export function hasPipes(text: string): boolean {
  return firstPipeIndex(text) >= 0;
}

function firstPipeIndex(text: string): number {
  let quoted = false;
  let regex = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (regex) {
      if (char === '/') regex = false;
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '/' && startsRegex(text, i)) regex = true;
    else if (!quoted && char === '|') return i;
  }
  return -1;
}

/** A regex value starts right after `field:` (spaces allowed between). */
function startsRegex(text: string, slash: number): boolean {
  let i = slash - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === ':';
}

/** Joins a filter and pipes back into one query text. */
export function joinQuery(filter: string, pipes: string): string {
  return [filter.trim(), pipes.trim()].filter((part) => part !== '').join(' ');
}

/**
 * The query language's abstract syntax tree: what `grammar.peggy` produces and every store compiler
 * consumes. It carries no engine knowledge; field names are the user's dotted paths.
 */

/** Where a node starts in the query text (`column` 1-based within its line) and where it ends. */
export interface Loc {
  offset: number;
  line: number;
  column: number;
  end: number;
}

/**
 * A value as typed. `exact` is the unescaped text (quoted values never carry wildcards); `wildcard`
 * keeps the user's glob: `*` any run, `?` one character, `\x` a literal x.
 */
export type TermValue = { kind: 'exact'; text: string; quoted: boolean } | { kind: 'wildcard'; pattern: string };

export interface RangeBound {
  /** The bound as typed (unquoted); `undefined` for an open bound (`*`). */
  value: string | undefined;
  inclusive: boolean;
  loc: Loc;
}

export interface AndNode {
  type: 'and';
  children: FilterNode[];
  loc: Loc;
}

export interface OrNode {
  type: 'or';
  children: FilterNode[];
  loc: Loc;
}

export interface NotNode {
  type: 'not';
  child: FilterNode;
  loc: Loc;
}

/** Free text: a word, a trailing-wildcard prefix (`adm*`) or a quoted phrase, over the full-text index. */
export interface TextNode {
  type: 'text';
  value: TermValue;
  loc: Loc;
}

/** A bare `*`: every event. */
export interface AllNode {
  type: 'all';
  loc: Loc;
}

/** `field:value` (exact, wildcard, CIDR on IP fields, phrase on full-text fields). */
export interface MatchNode {
  type: 'match';
  field: string;
  value: TermValue;
  loc: Loc;
  valueLoc: Loc;
}

/** `field:*` */
export interface ExistsNode {
  type: 'exists';
  field: string;
  loc: Loc;
}

/** `field >= x`, `field:[a TO b]`, `field:{a TO b}`, `field:>x`. */
export interface RangeNode {
  type: 'range';
  field: string;
  lower?: RangeBound;
  upper?: RangeBound;
  loc: Loc;
}

/** `field:/pattern/` — the pattern is anchored and case-insensitive when it runs. */
export interface RegexNode {
  type: 'regex';
  field: string;
  pattern: string;
  loc: Loc;
}

export type FilterNode =
  AndNode | OrNode | NotNode | TextNode | AllNode | MatchNode | ExistsNode | RangeNode | RegexNode;

export type AggFunction = 'count' | 'dc' | 'avg' | 'sum' | 'min' | 'max';

export interface Aggregation {
  fn: AggFunction;
  field?: string;
  /** The output column: the alias, or `count`, `dc(user.name)`, `avg(event.severity)`... */
  name: string;
  loc: Loc;
}

export interface StatsPipe {
  type: 'stats';
  aggs: Aggregation[];
  by: string[];
  loc: Loc;
}

export interface TimechartPipe {
  type: 'timechart';
  /** Absent: the compiler picks a span that suits the time range. */
  spanMs?: number;
  /** How many series to keep (the rest become `OTHER`); 0 keeps them all. */
  limit: number;
  aggs: Aggregation[];
  by?: string;
  loc: Loc;
}

export interface TopPipe {
  type: 'top' | 'rare';
  limit: number;
  field: string;
  loc: Loc;
}

export interface SortKey {
  field: string;
  desc: boolean;
  loc: Loc;
}

export interface SortPipe {
  type: 'sort';
  keys: SortKey[];
  loc: Loc;
}

export interface HeadPipe {
  type: 'head';
  count: number;
  loc: Loc;
}

export interface FieldsPipe {
  type: 'fields';
  fields: string[];
  loc: Loc;
}

export type Pipe = StatsPipe | TimechartPipe | TopPipe | SortPipe | HeadPipe | FieldsPipe;

export interface QueryAst {
  /** `null` when the query has no filter (empty, or only pipes): every event in the time range. */
  filter: FilterNode | null;
  pipes: Pipe[];
}

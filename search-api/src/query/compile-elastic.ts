import { engineFieldOf, type StoredEvent } from '@vigil/schemas';
import type { Pipe, QueryAst, SortKey } from './ast.ts';
import { eventsQuery } from './compile-elastic-filter.ts';
import type { EsQuery } from './compile-elastic-leaf.ts';
import type { Cell } from './compile-elastic-metrics.ts';
import { compareCells } from './compile-elastic-rows.ts';
import { compileElasticTable, type ElasticTablePlan } from './compile-elastic-table.ts';
import { isTablePipe } from './table-pipes.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/**
 * AST -> Elasticsearch / OpenSearch query DSL (the same for both engines): a `hits` plan (events
 * newest first, a total counted up to COUNT_CAP) or a `table` plan (stats, timechart, top, rare as
 * aggregations). Filters: compile-elastic-filter.ts and -leaf.ts; tables: compile-elastic-table.ts.
 * Plans are plain data plus pure readers; the store runs them (store/engine/engine-search.ts).
 */

export type { EsQuery, ElasticTablePlan };
export { geoGridAggregation, compileElasticGeo, GEO_FIELD } from './compile-elastic-geo.ts';

export interface ElasticCompileOptions {
  fromMs: number;
  toMs: number;
  size: number;
  /** Overrides a `| sort` pipe (the API's sort parameter). */
  sort?: { field: string; desc: boolean }[];
}

type Key = Pick<SortKey, 'field' | 'desc'>;
/** Sorts and heads that follow a head run in memory over the head's events. */
export type MemoryStep = { sort: Key[] } | { head: number };

export interface ElasticHitsPlan {
  kind: 'hits';
  query: EsQuery;
  /** Engine sort clauses; the store adds its tiebreaker for cursors. */
  sort: EsQuery[];
  /** Events to fetch: the page, or the whole head when memory steps follow. */
  size: number;
  /** A head: the total stops there and no cursor is handed out. */
  limit?: number;
  memory: MemoryStep[];
  /** From a `| fields` pipe: the columns of the table the hits become. */
  projection?: string[];
  trackTotalHits: number;
}

export type ElasticPlan = ElasticHitsPlan | ElasticTablePlan;

export const COUNT_CAP = 10_000;
/** The engines' result window: a head larger than this cannot be fetched for in-memory steps. */
const RESULT_WINDOW = 10_000;

function sortField(key: Key, loc?: SortKey['loc']): string {
  const fail = (message: string) => {
    if (loc) throw QuerySyntaxError.at(loc, message);
    throw new QuerySyntaxError(message, 0, 1);
  };
  if (key.field === '_id') fail('cannot sort by _id');
  const field = engineFieldOf(key.field);
  if (field.kind === 'geo_point' || field.kind === 'json' || field.kind === 'labels')
    fail(`cannot sort by ${key.field}: it is not a single value`);
  return field.kind === 'text' ? (field.keyword as string) : field.name;
}

/** Sort clauses for the keys, newest first among equals (and by default). */
export function engineSort(keys: readonly (Key & { loc?: SortKey['loc'] })[]): EsQuery[] {
  const clauses: EsQuery[] = keys.map((key) => {
    const field = sortField(key, key.loc);
    const order = key.desc ? 'desc' : 'asc';
    return field === '@timestamp'
      ? { [field]: { order } }
      : { [field]: { order, missing: '_last', unmapped_type: 'keyword' } };
  });
  if (!keys.some((key) => key.field === '@timestamp')) clauses.push({ '@timestamp': { order: 'desc' } });
  return clauses;
}

interface HitsStage {
  keys?: (Key & { loc?: SortKey['loc'] })[];
  limit?: number;
  memory: MemoryStep[];
  projection?: string[];
}

function applySort(stage: HitsStage, keys: HitsStage['keys'] & object): HitsStage {
  for (const key of keys) sortField(key, key.loc);
  if (stage.limit === undefined && stage.memory.length === 0) return { ...stage, keys };
  return { ...stage, memory: [...stage.memory, { sort: keys }] };
}

function applyHitsPipe(stage: HitsStage, pipe: Pipe): HitsStage {
  switch (pipe.type) {
    case 'sort':
      return applySort(stage, pipe.keys);
    case 'head':
      if (stage.memory.length > 0) return { ...stage, memory: [...stage.memory, { head: pipe.count }] };
      return { ...stage, limit: Math.min(stage.limit ?? pipe.count, pipe.count) };
    case 'fields':
      return { ...stage, projection: pipe.fields };
    default:
      throw QuerySyntaxError.at(pipe.loc, `only one of stats, timechart, top or rare may run per query`);
  }
}

function hitsPlan(ast: QueryAst, options: ElasticCompileOptions): ElasticHitsPlan {
  let stage: HitsStage = { memory: [] };
  for (const pipe of ast.pipes) stage = applyHitsPipe(stage, pipe);
  if (options.sort && options.sort.length > 0) stage = applySort(stage, options.sort);
  if (stage.memory.length > 0 && (stage.limit ?? Infinity) > RESULT_WINDOW) {
    const pipe = ast.pipes.find((p) => p.type === 'head');
    throw QuerySyntaxError.at(
      (pipe as Pipe).loc,
      `a head before a sort may keep at most ${RESULT_WINDOW} events on this store`,
    );
  }
  const inMemory = stage.memory.length > 0;
  return {
    kind: 'hits',
    query: eventsQuery(ast.filter, options),
    sort: engineSort(stage.keys ?? []),
    size: inMemory ? (stage.limit as number) : Math.max(0, Math.min(options.size, stage.limit ?? options.size)),
    ...(stage.limit !== undefined ? { limit: stage.limit } : {}),
    memory: stage.memory,
    ...(stage.projection ? { projection: stage.projection } : {}),
    trackTotalHits: COUNT_CAP,
  };
}

/** Compiles a parsed query. Throws QuerySyntaxError for mistakes only the compiler can see. */
export function compileElastic(ast: QueryAst, options: ElasticCompileOptions): ElasticPlan {
  const tableIndex = ast.pipes.findIndex(isTablePipe);
  if (tableIndex < 0) return hitsPlan(ast, options);
  for (const pipe of ast.pipes.slice(0, tableIndex)) {
    if (pipe.type === 'fields')
      throw QuerySyntaxError.at(pipe.loc, "'fields' before stats, timechart, top or rare has no effect; put it after");
    // Aggregations run over every matching event in the engine; a subset by position cannot be expressed.
    throw QuerySyntaxError.at(
      pipe.loc,
      `'${pipe.type}' before stats, timechart, top or rare is not supported by this store; narrow the query or the time range instead`,
    );
  }
  const command = ast.pipes[tableIndex] as Pipe;
  return compileElasticTable(eventsQuery(ast.filter, options), command, ast.pipes.slice(tableIndex + 1), options);
}

/** An event's value at a dotted path, for in-memory sorting: text compares without case. */
export function sortValue(event: StoredEvent, path: string): Cell {
  let value: unknown = event;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.toLowerCase();
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The sorts and heads after a head, over the head's events (already in engine order). */
export function applyMemorySteps(events: StoredEvent[], steps: readonly MemoryStep[]): StoredEvent[] {
  let rows = events;
  for (const step of steps) {
    if ('head' in step) rows = rows.slice(0, step.head);
    else
      rows = [...rows].sort((a, b) => {
        for (const key of step.sort) {
          const order = compareCells(sortValue(a, key.field), sortValue(b, key.field), key.desc);
          if (order !== 0) return order;
        }
        return 0;
      });
  }
  return rows;
}

import type { DeadLetterEntry, GeoResponse, SourcesResponse, StoredEvent } from '@vigil/schemas';
import type { QueryAst } from '../../query/ast.ts';
import {
  applyMemorySteps,
  compileElastic,
  compileElasticGeo,
  type ElasticHitsPlan,
  type ElasticTablePlan,
} from '../../query/compile-elastic.ts';
import {
  InvalidCursorError,
  type EventSearch,
  type FieldCount,
  type SearchOutcome,
  type SearchRequest,
} from '../event-search.ts';
import { countFields } from '../field-walk.ts';
import { mappedFields } from './engine-mapping.ts';
import {
  beforeTieGroup,
  closePit,
  decodeCursor,
  encodeCursor,
  MAX_TIED_IDS,
  openPit,
  PIT_KEEP_ALIVE,
  pitTiebreak,
} from './engine-pit.ts';
import { EngineQueryError, type EngineReader, type ReadRequest } from './engine-reader.ts';
import { projectTable } from '../project-table.ts';
import { asQueryError, geoOf, sourcesOf, tableOf, toHit, type SearchBody } from './engine-results.ts';

/**
 * The distributed store's read side, for Elasticsearch and OpenSearch alike: the query compiled by
 * compile-elastic.ts, hits paged with PIT + search_after, tables from aggregations (composite ones
 * paged until complete). Index names follow the write side (`<prefix>-events-*`,
 * `<prefix>-dead-letters`).
 */

export interface EngineSearchOptions {
  prefix: string;
}

const SEARCH_OPTIONS = { ignore_unavailable: true, allow_no_indices: true } as const;

export class EngineEventSearch implements EventSearch {
  readonly kind: string;
  private readonly events: string;
  private readonly deadLetterIndex: string;

  constructor(
    private readonly reader: EngineReader,
    options: EngineSearchOptions,
  ) {
    this.kind = reader.kind;
    this.events = `${options.prefix}-events-*`;
    this.deadLetterIndex = `${options.prefix}-dead-letters`;
  }

  private searchEvents(body: Record<string, unknown>): Promise<SearchBody> {
    return this.reader.request<SearchBody>({
      method: 'POST',
      path: `/${this.events}/_search`,
      querystring: SEARCH_OPTIONS,
      body,
    });
  }

  async search(request: SearchRequest): Promise<SearchOutcome> {
    const plan = compileElastic(request.ast, {
      fromMs: request.fromMs,
      toMs: request.toMs,
      size: request.size,
      ...(request.sort ? { sort: request.sort } : {}),
    });
    try {
      if (plan.kind === 'table') return await this.table(plan);
      const outcome = await this.hits(plan, request);
      if (!plan.projection) return outcome;
      return { ...outcome, hits: [], table: projectTable(outcome.hits, plan.projection) };
    } catch (error) {
      throw asQueryError(error);
    }
  }

  private async hits(plan: ElasticHitsPlan, request: SearchRequest): Promise<SearchOutcome> {
    const pageable = plan.limit === undefined && plan.memory.length === 0;
    if (request.cursor && !pageable) throw new InvalidCursorError('this query has no further pages');
    if (plan.memory.length > 0) {
      const fetched = await this.searchEvents({
        query: plan.query,
        sort: plan.sort,
        size: plan.size,
        track_total_hits: false,
      });
      const events = applyMemorySteps(fetched.hits.hits.map(toHit), plan.memory);
      return { total: events.length, totalRelation: 'eq', hits: events.slice(0, request.size), cursor: null };
    }
    if (!pageable || plan.size === 0) {
      const body = await this.searchEvents({
        query: plan.query,
        sort: plan.sort,
        size: plan.size,
        track_total_hits: plan.trackTotalHits,
      });
      return this.outcome(body, plan, null);
    }
    return this.page(plan, request.cursor);
  }

  /**
   * One page of hits; the cursor goes on while pages come back full. The first page runs without a
   * point in time, the second opens one (see engine-pit.ts).
   */
  private async page(plan: ElasticHitsPlan, cursorText: string | undefined): Promise<SearchOutcome> {
    const cursor = cursorText ? decodeCursor(cursorText) : undefined;
    if (!cursor) return this.firstPage(plan);
    if (cursor.pit) return this.pitPage(plan, cursor.pit, cursor.after, cursor);
    const pit = await openPit(this.reader, this.events);
    return this.pitPage(plan, pit, beforeTieGroup(this.reader, cursor.after), cursor);
  }

  private async firstPage(plan: ElasticHitsPlan): Promise<SearchOutcome> {
    const body = await this.searchEvents({
      query: plan.query,
      sort: plan.sort,
      size: plan.size,
      track_total_hits: plan.trackTotalHits,
    });
    const hits = body.hits.hits;
    const last = hits.at(-1);
    if (!last?.sort || hits.length < plan.size) return this.outcome(body, plan, null);
    const lastKey = JSON.stringify(last.sort);
    const tied = hits.filter((hit) => JSON.stringify(hit.sort) === lastKey).map((hit) => hit._id);
    if (tied.length > MAX_TIED_IDS) return this.pitPage(plan, await openPit(this.reader, this.events), undefined);
    return this.outcome(body, plan, encodeCursor({ after: last.sort, seen: tied }));
  }

  /** A page inside a point in time; `after` undefined is the first page run again in it. */
  private async pitPage(
    plan: ElasticHitsPlan,
    pit: string,
    after: unknown[] | undefined,
    cursor?: { seen?: string[] },
  ): Promise<SearchOutcome> {
    const seen = cursor?.seen ?? [];
    const query =
      seen.length > 0 ? { bool: { must: [plan.query], must_not: [{ ids: { values: seen } }] } } : plan.query;
    const body = await this.reader
      .request<SearchBody>({
        method: 'POST',
        path: '/_search',
        body: {
          query,
          sort: [...plan.sort, pitTiebreak(this.reader)],
          size: plan.size,
          track_total_hits: plan.trackTotalHits,
          pit: { id: pit, keep_alive: PIT_KEEP_ALIVE },
          ...(after ? { search_after: after } : {}),
        },
      })
      .catch((error: unknown) => {
        // A PIT that expired (or an id that never was one) is refused with a 4xx: the cursor is stale.
        if (cursor && error instanceof EngineQueryError)
          throw new InvalidCursorError('the cursor has expired or is not valid; run the search again');
        throw error;
      });
    // The ids left out were matches all the same (shown on the first page).
    if (body.hits.total?.relation === 'eq') body.hits.total.value += seen.length;
    const nextPit = body.pit_id ?? pit;
    const last = body.hits.hits.at(-1);
    if (last?.sort && body.hits.hits.length === plan.size)
      return this.outcome(
        body,
        plan,
        encodeCursor({ pit: nextPit, after: last.sort, ...(seen.length ? { seen } : {}) }),
      );
    await closePit(this.reader, nextPit);
    return this.outcome(body, plan, null);
  }

  private outcome(body: SearchBody, plan: ElasticHitsPlan, cursor: string | null): SearchOutcome {
    const total = body.hits.total ?? { value: body.hits.hits.length, relation: 'eq' as const };
    const capped = plan.limit !== undefined && total.value >= plan.limit;
    return {
      total: capped ? (plan.limit as number) : total.value,
      totalRelation: capped ? 'eq' : total.relation,
      hits: body.hits.hits.map(toHit),
      cursor,
    };
  }

  /** Runs the aggregations, paging a composite one until it is complete or its cap is reached. */
  private async table(plan: ElasticTablePlan): Promise<SearchOutcome> {
    const request = (after?: unknown) => {
      const aggs = structuredClone(plan.aggs);
      if (plan.composite && after !== undefined)
        (aggs[plan.composite.name] as { composite: Record<string, unknown> }).composite.after = after;
      return this.searchEvents({ query: plan.query, size: 0, aggs, track_total_hits: plan.trackTotalHits });
    };
    const first = await request();
    const aggregations = first.aggregations ?? {};
    if (plan.composite) {
      const name = plan.composite.name;
      const all = [];
      let page: Record<string, unknown> | undefined = aggregations[name] as Record<string, unknown>;
      while (page) {
        all.push(...((page.buckets as unknown[] | undefined) ?? []));
        const after = page.after_key;
        if (after === undefined || all.length >= plan.composite.maxBuckets) break;
        page = (await request(after)).aggregations?.[name] as Record<string, unknown> | undefined;
      }
      aggregations[name] = { buckets: all.slice(0, plan.composite.maxBuckets) };
    }
    const rows = plan.rows(aggregations, first.hits.total?.value ?? 0);
    return { total: rows.length, totalRelation: 'eq', hits: [], cursor: null, table: tableOf(plan, rows) };
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    // Ids are unique per index; after a rollover a replay may have left an older copy: newest wins.
    const body = await this.searchEvents({
      query: { ids: { values: [id] } },
      size: 1,
      sort: [{ '@timestamp': 'desc' }],
    });
    const hit = body.hits.hits[0];
    return hit ? toHit(hit) : undefined;
  }

  async fields(request: { ast: QueryAst; fromMs: number; toMs: number; sample: number }): Promise<{
    fields: FieldCount[];
    sampled: number;
  }> {
    const plan = compileElastic(request.ast, { fromMs: request.fromMs, toMs: request.toMs, size: request.sample });
    if (plan.kind !== 'hits') return { fields: [], sampled: 0 };
    const [body, mapped] = await Promise.all([
      this.searchEvents({ query: plan.query, sort: plan.sort, size: plan.size, track_total_hits: false }),
      mappedFields(this.reader, this.events),
    ]);
    const docs = body.hits.hits.map((hit) => hit._source as unknown as Record<string, unknown>);
    // Every field the mapping knows is indexed in the engines (vendor leaves included).
    const fields = countFields(docs).map((field) => ({ ...field, indexed: mapped.has(field.name) }));
    return { fields, sampled: docs.length };
  }

  async sources(): Promise<SourcesResponse['sources']> {
    const body = await this.searchEvents({
      size: 0,
      track_total_hits: false,
      aggs: {
        sources: {
          terms: { field: 'event.module', size: 100 },
          aggs: { first: { min: { field: '@timestamp' } }, last: { max: { field: '@timestamp' } } },
        },
      },
    });
    return sourcesOf(body.aggregations ?? {});
  }

  async deadLetters(size: number, before?: number) {
    const index = `/${this.deadLetterIndex}`;
    const [page, counted] = await Promise.all([
      this.reader.request<{ hits: { hits: { _source: DeadLetterEntry }[] } }>({
        method: 'POST',
        path: `${index}/_search`,
        querystring: SEARCH_OPTIONS,
        body: {
          size,
          sort: [{ seq: 'desc' }],
          query: before === undefined ? { match_all: {} } : { range: { seq: { lt: before } } },
        },
      }),
      this.reader.request<{ count: number }>({ method: 'POST', path: `${index}/_count`, querystring: SEARCH_OPTIONS }),
    ]);
    return { total: counted.count, dead_letters: page.hits.hits.map((hit) => hit._source) };
  }

  async geo(request: { ast: QueryAst; fromMs: number; toMs: number; zoom: number }): Promise<GeoResponse> {
    const plan = compileElasticGeo(request.ast, request);
    const body = await this.searchEvents({ query: plan.query, size: 0, track_total_hits: false, aggs: plan.aggs });
    return geoOf(body.aggregations ?? {});
  }

  async count(): Promise<number> {
    const request: ReadRequest = { method: 'POST', path: `/${this.events}/_count`, querystring: SEARCH_OPTIONS };
    return (await this.reader.request<{ count: number }>(request)).count;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}

import {
  apiGet,
  ApiError,
  isAbort,
  type FieldsResponse,
  type SearchResponse,
  type StoredEvent,
} from '../api/client.ts';
import { timechartQuery, volumeFromTable, type VolumeData } from '../chart/volume-data.ts';
import { resolveRange } from '../time/range.ts';
import type { ViewState } from '../state/url-state.ts';
import { filterOf, resultsRequest } from './requests.ts';

export interface QueryProblem {
  message: string;
  column?: number;
}

/**
 * The data behind the search page (and the map's side panel): results with cursor paging, the
 * volume chart, the field list. Each load cancels the one it replaces, so a fast typist never sees
 * an older answer land after a newer one.
 */
export class SearchData {
  hits = $state<StoredEvent[]>([]);
  total = $state(0);
  relation = $state<'eq' | 'gte'>('eq');
  tookMs = $state(0);
  cursor = $state<string | null>(null);
  table = $state<SearchResponse['table']>();
  /** The absolute range the server answered for (relative times resolved). */
  answered = $state<{ fromMs: number; toMs: number } | undefined>();
  loading = $state(false);
  loadingMore = $state(false);
  problem = $state<QueryProblem | undefined>();
  volume = $state<VolumeData | undefined>();
  volumeLoading = $state(false);
  fields = $state<FieldsResponse['fields']>([]);
  sampled = $state(0);
  #results: AbortController | undefined;
  #more: AbortController | undefined;
  #chart: AbortController | undefined;
  #fields: AbortController | undefined;
  #request: ReturnType<typeof resultsRequest> | undefined;

  async loadResults(state: ViewState, query = state.q): Promise<void> {
    this.#results?.abort();
    this.#more?.abort();
    const controller = (this.#results = new AbortController());
    this.#request = resultsRequest(state, query);
    this.loading = true;
    try {
      const response = await apiGet('/api/v1/search', { query: this.#request, signal: controller.signal });
      this.hits = response.hits;
      this.total = response.total;
      this.relation = response.total_relation;
      this.tookMs = response.took_ms;
      this.cursor = response.cursor;
      this.table = response.table;
      this.answered = { fromMs: Date.parse(response.from), toMs: Date.parse(response.to) };
      this.problem = undefined;
    } catch (failure) {
      if (isAbort(failure)) return;
      this.hits = [];
      this.total = 0;
      this.cursor = null;
      this.table = undefined;
      this.problem = problemOf(failure);
    } finally {
      if (this.#results === controller) this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (!this.cursor || !this.#request || this.loadingMore) return;
    const controller = (this.#more = new AbortController());
    this.loadingMore = true;
    try {
      const response = await apiGet('/api/v1/search', {
        query: { ...this.#request, cursor: this.cursor },
        signal: controller.signal,
      });
      const seen = new Set(this.hits.map((hit) => hit.id));
      this.hits = [...this.hits, ...response.hits.filter((hit) => !seen.has(hit.id))];
      this.cursor = response.cursor;
    } catch (failure) {
      if (!isAbort(failure)) this.problem = problemOf(failure);
    } finally {
      if (this.#more === controller) this.loadingMore = false;
    }
  }

  /** The chart counts the query's filter per bucket, stacked by the chosen field. */
  async loadVolume(state: ViewState, filter = filterOf(state.q)): Promise<void> {
    this.#chart?.abort();
    const controller = (this.#chart = new AbortController());
    const range = resolveRange(state.from, state.to);
    if ('error' in range) return;
    this.volumeLoading = true;
    try {
      const response = await apiGet('/api/v1/search', {
        query: { q: timechartQuery(filter, state.stack), from: state.from, to: state.to, size: 0 },
        signal: controller.signal,
      });
      const answered = { fromMs: Date.parse(response.from), toMs: Date.parse(response.to) };
      this.volume = response.table ? volumeFromTable(response.table, answered) : undefined;
    } catch (failure) {
      // The results report the problem; the chart keeps the last good picture meanwhile.
      if (!isAbort(failure)) console.warn('volume chart', failure);
    } finally {
      if (this.#chart === controller) this.volumeLoading = false;
    }
  }

  async loadFields(state: ViewState): Promise<void> {
    this.#fields?.abort();
    const controller = (this.#fields = new AbortController());
    try {
      const response = await apiGet('/api/v1/fields', {
        query: { q: filterOf(state.q), from: state.from, to: state.to },
        signal: controller.signal,
      });
      this.fields = response.fields;
      this.sampled = response.sampled;
    } catch (failure) {
      if (!isAbort(failure)) console.warn('field list', failure);
    }
  }

  dispose(): void {
    for (const controller of [this.#results, this.#more, this.#chart, this.#fields]) controller?.abort();
  }
}

function problemOf(failure: unknown): QueryProblem {
  if (failure instanceof ApiError) {
    return failure.column === undefined
      ? { message: failure.message }
      : { message: failure.message, column: failure.column };
  }
  return { message: failure instanceof Error ? failure.message : String(failure) };
}

import type { DeadLettersResponse, GeoResponse, SourcesResponse, StoredEvent, Table } from '@vigil/schemas';
import type { QueryAst } from '../query/ast.ts';

export interface SortField {
  field: string;
  desc: boolean;
}

export interface SearchRequest {
  ast: QueryAst;
  fromMs: number;
  toMs: number;
  size: number;
  cursor?: string;
  sort?: SortField[];
}

export interface SearchOutcome {
  total: number;
  totalRelation: 'eq' | 'gte';
  hits: StoredEvent[];
  cursor: string | null;
  table?: Table;
}

export interface FieldCount {
  name: string;
  type: string;
  count: number;
  indexed: boolean;
}

/**
 * The read side of the store seam: one implementation per backend (SQLite here, the engines in the
 * distributed mode), all passing the same contract suite.
 */
export interface EventSearch {
  readonly kind: string;
  search(request: SearchRequest): Promise<SearchOutcome>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  fields(request: { ast: QueryAst; fromMs: number; toMs: number; sample: number }): Promise<{
    fields: FieldCount[];
    sampled: number;
  }>;
  sources(): Promise<SourcesResponse['sources']>;
  deadLetters(size: number, before?: number): Promise<DeadLettersResponse>;
  count(): Promise<number>;
  /** The map's grid and per-country aggregation of `source.geo` for a filter. */
  geo(request: { ast: QueryAst; fromMs: number; toMs: number; zoom: number }): Promise<GeoResponse>;
  /** Lets go of what the search holds (connections, threads); not the store itself. */
  close(): Promise<void>;
}

/** Thrown for a cursor that does not decode; the API answers 400. */
export class InvalidCursorError extends Error {}

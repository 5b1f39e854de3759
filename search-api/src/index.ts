export { buildApp, type BuildOptions } from './app.ts';
export type { AppContext } from './app-context.ts';
export { loadConfig, ConfigError, type VigilConfig } from './config.ts';
export { startEmbedded, type EmbeddedVigil } from './embedded.ts';
export { SqliteEventSearch, registerQueryFunctions } from './store/sqlite-search.ts';
export { ThreadedEventSearch } from './store/threaded-search.ts';
export type { EventSearch, SearchRequest, SearchOutcome, SortField, FieldCount } from './store/event-search.ts';
export { parseQuery, QuerySyntaxError } from './query/parse.ts';
export type { QueryAst } from './query/ast.ts';
export { parseTime } from './time/parse-time.ts';
export { openapiDocument } from './openapi/openapi-document.ts';
export { EngineEventSearch, type EngineSearchOptions } from './store/engine/engine-search.ts';
export {
  connectEngineReader,
  StoreUnavailableError,
  type EngineReader,
  type ReadRequest,
} from './store/engine/engine-reader.ts';
export { compileElastic, geoGridAggregation } from './query/compile-elastic.ts';
export { InvalidCursorError } from './store/event-search.ts';
export { startDistributed, type DistributedVigil } from './distributed.ts';

export { buildApp, type BuildOptions } from './app.ts';
export type { AppContext } from './app-context.ts';
export { loadConfig, ConfigError, type VigilConfig } from './config.ts';
export { startEmbedded, type EmbeddedVigil } from './embedded.ts';
export { SqliteEventSearch, registerQueryFunctions } from './store/sqlite-search.ts';
export type { EventSearch, SearchRequest, SearchOutcome, SortField, FieldCount } from './store/event-search.ts';
export { parseQuery, QuerySyntaxError } from './query/parse.ts';
export type { QueryAst } from './query/ast.ts';
export { parseTime } from './time/parse-time.ts';

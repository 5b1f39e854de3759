import { QuerySyntaxError } from '../query/syntax-error.ts';
import { InvalidCursorError, type EventSearch } from './event-search.ts';

/** The messages between ThreadedEventSearch and its search threads. */

/** The EventSearch methods, and `searchStored` (hits as JSON text) that `search` goes through. */
export type SearchMethod = Exclude<keyof EventSearch, 'kind' | 'search' | 'close'> | 'searchStored';

export interface SearchCall {
  id: number;
  method: SearchMethod;
  args: unknown[];
}

export interface SerializedError {
  name: string;
  message: string;
  offset?: number;
  column?: number;
  line?: number;
}

export type SearchReply = { id: number; result: unknown } | { id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof QuerySyntaxError)
    return { name: error.name, message: error.message, offset: error.offset, column: error.column, line: error.line };
  if (error instanceof InvalidCursorError) return { name: 'InvalidCursorError', message: error.message };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

/** The errors the API answers with 400 come back as their own classes; anything else is a plain Error. */
export function deserializeError(error: SerializedError): Error {
  if (error.name === 'QuerySyntaxError')
    return new QuerySyntaxError(error.message, error.offset ?? 0, error.column ?? 1, error.line ?? 1);
  if (error.name === 'InvalidCursorError') return new InvalidCursorError(error.message);
  return new Error(error.message);
}

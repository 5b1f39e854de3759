import { SOURCES } from '@vigil/schemas';

/**
 * The catalog of errors the API answers with. Each has a stable code and its HTTP status; messages
 * are lowercase and never carry internals.
 */
export const ERRORS = {
  query_syntax: 400,
  invalid_time: 400,
  invalid_body: 400,
  invalid_cursor: 400,
  validation: 400,
  unauthorized: 401,
  not_found: 404,
  unknown_source: 404,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  store_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { column?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.status = ERRORS[code];
  }
}

export function unknownSource(source: string): ApiError {
  return new ApiError('unknown_source', `unknown source '${source}'`, { details: { sources: [...SOURCES] } });
}

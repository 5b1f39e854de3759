import { SOURCES, type IngestResponse, type SourceName } from '@vigil/schemas';
import { acceptBody, BodyFormatError, type FrameLimits, type PublishReceipt, type RawTransport } from '@vigil/ingest';
import { ApiError, unknownSource } from '../errors.ts';

export interface IngestDeps {
  transport: RawTransport;
  limits: FrameLimits;
  /** Resolves when everything up to the receipt is searchable (embedded mode). */
  waitFor?: (receipt: PublishReceipt) => Promise<void>;
}

export function toSource(name: string): SourceName {
  if ((SOURCES as readonly string[]).includes(name)) return name as SourceName;
  throw unknownSource(name);
}

export async function ingestBody(
  deps: IngestDeps,
  request: {
    source: string;
    body: Uint8Array | string;
    contentType?: string;
    remoteAddr?: string;
    input: string;
    wait: boolean;
  },
): Promise<IngestResponse> {
  const source = toSource(request.source);
  try {
    const result = await acceptBody(
      deps.transport,
      request.body,
      {
        source,
        input: request.input,
        ...(request.remoteAddr ? { remoteAddr: request.remoteAddr } : {}),
        ...(request.contentType ? { contentType: request.contentType } : {}),
      },
      deps.limits,
    );
    if (request.wait && result.accepted > 0 && deps.waitFor) await deps.waitFor(result.receipt);
    return { accepted: result.accepted, rejected: result.rejected };
  } catch (error) {
    if (error instanceof BodyFormatError) throw new ApiError('invalid_body', error.message);
    throw error;
  }
}

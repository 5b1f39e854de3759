/**
 * Splits a request body into records: one JSON object, a JSON array of objects, NDJSON, or text
 * lines (syslog, CEF, log lines). A bad record is rejected alone with its line number; the good
 * records around it are kept. A body that is not what its content type says fails as a whole.
 */
export interface RejectedRecord {
  line: number;
  reason: string;
}

export interface FramedBody {
  records: string[];
  rejected: RejectedRecord[];
}

export class BodyFormatError extends Error {}

export interface FrameLimits {
  maxRecordBytes: number;
  maxDepth: number;
}

export type BodyFormat = 'json' | 'ndjson' | 'text';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BodyFormatError('body is not valid UTF-8');
  }
}

export function formatOf(contentType: string | undefined, body: string): BodyFormat {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/ndjson') return 'ndjson';
  if (type.startsWith('text/')) return 'text';
  // No (or an unknown) content type: look at the bytes.
  const start = body.trimStart()[0];
  if (start === '[') return 'json';
  if (start === '{') return body.trim().includes('\n') ? 'ndjson' : 'json';
  return 'text';
}

/** How deeply a JSON text nests, without building it (so a hostile depth cannot blow the stack). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function checkRecord(text: string, limits: FrameLimits): string | undefined {
  if (Buffer.byteLength(text) > limits.maxRecordBytes) return `record larger than ${limits.maxRecordBytes} bytes`;
  return undefined;
}

function checkJsonRecord(text: string, limits: FrameLimits): string | undefined {
  const tooBig = checkRecord(text, limits);
  if (tooBig) return tooBig;
  if (jsonDepth(text) > limits.maxDepth) return `JSON nested deeper than ${limits.maxDepth} levels`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object';
  return undefined;
}

function frameJson(body: string, limits: FrameLimits): FramedBody {
  if (jsonDepth(body) > limits.maxDepth + 1)
    throw new BodyFormatError(`JSON nested deeper than ${limits.maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new BodyFormatError(`body is not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(value) ? value : [value];
  const framed: FramedBody = { records: [], rejected: [] };
  items.forEach((item, index) => {
    const text = JSON.stringify(item);
    const problem =
      item === null || typeof item !== 'object' || Array.isArray(item)
        ? 'expected a JSON object'
        : checkRecord(text, limits);
    if (problem) framed.rejected.push({ line: index + 1, reason: problem });
    else framed.records.push(text);
  });
  return framed;
}

function frameLines(body: string, limits: FrameLimits, json: boolean): FramedBody {
  const framed: FramedBody = { records: [], rejected: [] };
  body.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const problem = json ? checkJsonRecord(line, limits) : checkRecord(line, limits);
    if (problem) framed.rejected.push({ line: index + 1, reason: problem });
    else framed.records.push(line);
  });
  return framed;
}

export function frameBody(body: string, format: BodyFormat, limits: FrameLimits): FramedBody {
  if (format === 'json') return frameJson(body, limits);
  return frameLines(body, limits, format === 'ndjson');
}

import { SOURCES, type SourceName } from '@vigil/schemas';
import { BodyFormatError, jsonDepth, type FrameLimits, type RejectedRecord } from './frame-body.ts';

/**
 * Splunk HTTP Event Collector bodies: one or more JSON objects written back to back (not always
 * newline-separated), each `{time, host, source, sourcetype, event, fields}`. The `event` is the
 * vendor record; `sourcetype` (e.g. `authentik:event`, `keeper`) picks the Vigil source.
 */
export function splitConcatenatedJson(text: string): string[] {
  const objects: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 125) {
      depth--;
      if (depth === 0 && start >= 0) {
        objects.push(text.slice(start, i + 1));
        start = -1;
      }
    } else if (depth === 0 && c > 32) {
      throw new BodyFormatError(`body is not HEC JSON: unexpected '${text[i]}' at offset ${i}`);
    }
  }
  if (depth !== 0) throw new BodyFormatError('body is not HEC JSON: an object is not closed');
  return objects;
}

export function sourceForSourcetype(sourcetype: unknown, fallback: SourceName): SourceName {
  if (typeof sourcetype !== 'string') return fallback;
  const lower = sourcetype.toLowerCase();
  return SOURCES.find((s) => s !== 'generic' && lower.includes(s)) ?? fallback;
}

export interface HecRecords {
  bySource: Map<SourceName, string[]>;
  rejected: RejectedRecord[];
}

export function hecRecords(text: string, fallback: SourceName, limits: FrameLimits): HecRecords {
  const out: HecRecords = { bySource: new Map(), rejected: [] };
  splitConcatenatedJson(text).forEach((objectText, index) => {
    const line = index + 1;
    if (jsonDepth(objectText) > limits.maxDepth + 1) {
      out.rejected.push({ line, reason: `JSON nested deeper than ${limits.maxDepth} levels` });
      return;
    }
    let envelope: Record<string, unknown>;
    try {
      envelope = JSON.parse(objectText) as Record<string, unknown>;
    } catch (error) {
      out.rejected.push({ line, reason: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    const event = envelope.event;
    if (event === undefined || event === null || event === '') {
      out.rejected.push({ line, reason: 'HEC event has no "event" field' });
      return;
    }
    const record = typeof event === 'string' ? event : JSON.stringify(event);
    if (Buffer.byteLength(record) > limits.maxRecordBytes) {
      out.rejected.push({ line, reason: `record larger than ${limits.maxRecordBytes} bytes` });
      return;
    }
    const source = sourceForSourcetype(envelope.sourcetype, fallback);
    const list = out.bySource.get(source) ?? [];
    list.push(record);
    out.bySource.set(source, list);
  });
  return out;
}

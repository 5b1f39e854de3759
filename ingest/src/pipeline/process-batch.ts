import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CanonicalEventSchema, type CanonicalEvent, type Envelope, type SourceName } from '@vigil/schemas';
import { ParseError, type SourceParser } from '../parsers/parser.ts';
import type { DeadLetter, IndexedEvent, WriteBatch } from '../store/event-sink.ts';
import { documentId } from './document-id.ts';
import type { PipelineCounters } from './stage-counters.ts';

export interface EventStage {
  apply(event: CanonicalEvent): CanonicalEvent;
}

export interface PipelineStages {
  parsers: Readonly<Record<SourceName, SourceParser>>;
  /** Run in order after parsing: redaction, then enrichment. */
  stages: readonly EventStage[];
}

const checkEvent = TypeCompiler.Compile(CanonicalEventSchema);

function schemaProblem(event: CanonicalEvent): string | undefined {
  if (checkEvent.Check(event)) return undefined;
  const first = checkEvent.Errors(event).First();
  return first ? `${first.path || '/'} ${first.message}` : 'invalid event';
}

/**
 * parse -> redact -> enrich -> id, for one batch. A record that fails anywhere becomes a dead
 * letter with its reason; it never stops the batch or loses the records around it.
 */
export function processBatch(
  envelopes: readonly Envelope[],
  pipeline: PipelineStages,
  counters: PipelineCounters,
): WriteBatch {
  const events: IndexedEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const envelope of envelopes) {
    counters.records++;
    try {
      for (const parsed of pipeline.parsers[envelope.source].parse(envelope)) {
        let event = parsed;
        for (const stage of pipeline.stages) event = stage.apply(event);
        const problem = schemaProblem(event);
        if (problem) throw new ParseError(`parser produced an invalid event: ${problem}`);
        events.push({ id: documentId(event), event });
      }
    } catch (error) {
      const reason =
        error instanceof ParseError ? error.message : `parser failed unexpectedly: ${(error as Error).message}`;
      deadLetters.push({ envelope, reason, failedAt: new Date().toISOString() });
    }
  }
  counters.events += events.length;
  counters.deadLettered += deadLetters.length;
  return { events, deadLetters };
}

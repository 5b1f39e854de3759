/** Counters each pipeline stage keeps, read by /health and the metrics endpoint. */
export interface PipelineCounters {
  records: number;
  events: number;
  deadLettered: number;
  written: number;
  duplicates: number;
  batches: number;
  lastBatchMs: number;
}

export function newCounters(): PipelineCounters {
  return { records: 0, events: 0, deadLettered: 0, written: 0, duplicates: 0, batches: 0, lastBatchMs: 0 };
}

import type { CanonicalEvent, Envelope, SourceName } from '@vigil/schemas';

/** A record that cannot become an event. The reason goes to the dead-letter queue with the bytes. */
export class ParseError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ParseError';
  }
}

/**
 * Turns one received record into canonical events. One record may hold several events (Akeyless
 * groups them by type); a record that holds none it can read throws ParseError.
 */
export interface SourceParser {
  readonly source: SourceName;
  parse(envelope: Envelope): CanonicalEvent[];
}

import { tailUrl, type StoredEvent } from '../api/client.ts';
import { emptyTail, receive, setPaused, type TailState } from './tail-buffer.ts';

/**
 * The live tail's connection: an EventSource on `/api/v1/tail?q=<filter>` whose `hit` events feed
 * the tail buffer. The browser reconnects by itself after a drop; the buffer drops replays.
 */
export class LiveTail {
  tail = $state<TailState<StoredEvent>>(emptyTail());
  connected = $state(false);
  running = $state(false);
  /** The filter the stream follows (not reactive: effects compare against it without a loop). */
  filter: string | undefined;
  #source: EventSource | undefined;

  start(filter: string): void {
    this.stop();
    this.filter = filter;
    this.tail = emptyTail();
    this.running = true;
    const source = new EventSource(tailUrl({ q: filter }));
    source.onopen = () => (this.connected = true);
    source.onerror = () => (this.connected = false);
    source.addEventListener('hit', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StoredEvent;
      this.tail = receive(this.tail, event);
    });
    this.#source = source;
  }

  stop(): void {
    this.#source?.close();
    this.#source = undefined;
    this.filter = undefined;
    this.running = false;
    this.connected = false;
  }

  setPaused(paused: boolean): void {
    this.tail = setPaused(this.tail, paused);
  }
}

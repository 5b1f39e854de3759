import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import type { SourceName } from '@vigil/schemas';
import type { RawTransport } from '../transport/raw-transport.ts';
import { toEnvelopes } from './accept-records.ts';

export interface SyslogListenerOptions {
  host: string;
  port: number;
  source: SourceName;
  maxLineBytes: number;
  /** Lines are published in small batches: at most this many, or after flushMs. */
  batchLines?: number;
  flushMs?: number;
}

/**
 * Syslog over UDP (one message per datagram) and TCP (newline-delimited, or RFC 6587 octet
 * counting `LEN SP MSG`), on the same port. Lines go to the transport in small batches.
 */
export class SyslogListener {
  private udp: Socket | undefined;
  private tcp: Server | undefined;
  private pending: { line: string; remote: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly counters = { received: 0, published: 0, dropped: 0 };

  constructor(
    private readonly transport: RawTransport,
    private readonly options: SyslogListenerOptions,
  ) {}

  async start(): Promise<{ udpPort: number; tcpPort: number }> {
    const { host, port } = this.options;
    this.udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    this.udp.on('message', (msg, rinfo) => this.receive(msg.toString('utf8'), rinfo.address));
    await new Promise<void>((resolve, reject) => {
      this.udp?.once('error', reject);
      this.udp?.bind(port, host, () => resolve());
    });
    this.tcp = createServer((socket) => {
      let buffer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer = this.drainStream(buffer + chunk, socket.remoteAddress ?? '');
        if (buffer.length > this.options.maxLineBytes) {
          this.counters.dropped++;
          buffer = '';
        }
      });
      socket.on('end', () => {
        if (buffer.trim()) this.receive(buffer, socket.remoteAddress ?? '');
      });
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      this.tcp?.once('error', reject);
      this.tcp?.listen(port, host, () => resolve());
    });
    const tcpAddress = this.tcp.address();
    return {
      udpPort: this.udp.address().port,
      tcpPort: typeof tcpAddress === 'object' && tcpAddress ? tcpAddress.port : port,
    };
  }

  /** Takes complete frames off the front of the stream buffer; returns what is left. */
  private drainStream(buffer: string, remote: string): string {
    let rest = buffer;
    for (;;) {
      const counted = /^(\d{1,7}) /.exec(rest);
      if (counted) {
        const length = Number(counted[1]);
        const start = counted[0].length;
        if (rest.length < start + length) return rest;
        this.receive(rest.slice(start, start + length), remote);
        rest = rest.slice(start + length);
        continue;
      }
      const newline = rest.indexOf('\n');
      if (newline < 0) return rest;
      this.receive(rest.slice(0, newline), remote);
      rest = rest.slice(newline + 1);
    }
  }

  private receive(message: string, remote: string): void {
    for (const line of message.split(/\r?\n/)) {
      if (!line.trim()) continue;
      this.counters.received++;
      if (Buffer.byteLength(line) > this.options.maxLineBytes) {
        this.counters.dropped++;
        continue;
      }
      this.pending.push({ line, remote });
    }
    if (this.pending.length >= (this.options.batchLines ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 50);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const envelopes = batch.flatMap(({ line, remote }) =>
      toEnvelopes([line], { source: this.options.source, input: 'syslog', remoteAddr: remote }),
    );
    try {
      await this.transport.publish(envelopes);
      this.counters.published += envelopes.length;
    } catch (error) {
      this.counters.dropped += envelopes.length;
      console.error('syslog: could not queue lines', error);
    }
  }

  async stop(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve()));
  }
}

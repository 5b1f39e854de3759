import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteReader } from '@vigil/ingest';
import { SqliteEventSearch } from './sqlite-search.ts';
import { serializeError, type SearchCall, type SearchReply } from './threaded-search-protocol.ts';

/** One search thread: its own read-only connection, the same SqliteEventSearch the main thread would run. */
const port = parentPort;
if (!port) throw new Error('search-worker must run as a worker thread');
const search = new SqliteEventSearch(openSqliteReader((workerData as { path: string }).path));

port.on('message', (call: SearchCall) => {
  void (async () => {
    let reply: SearchReply;
    try {
      const method = search[call.method] as (...args: unknown[]) => Promise<unknown>;
      reply = { id: call.id, result: await method.apply(search, call.args) };
    } catch (error) {
      reply = { id: call.id, error: serializeError(error) };
    }
    port.postMessage(reply);
  })();
});
port.postMessage({ ready: true });

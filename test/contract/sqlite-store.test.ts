import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, SqliteEventSink } from '@vigil/ingest';
import { SqliteEventSearch, ThreadedEventSearch } from '@vigil/search-api';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('sqlite', async () => {
  const db = openSqliteDatabase(':memory:');
  return {
    sink: new SqliteEventSink(db),
    search: new SqliteEventSearch(db),
    refresh: async () => {},
    close: async () => {
      db.close();
    },
  };
});

// The embedded server's default: the same SQLite store, searched from worker threads over read-only
// connections to the file the sink writes.
describeStoreContract('sqlite on search threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-threaded-'));
  const path = join(dir, 'vigil.db');
  const db = openSqliteDatabase(path);
  const search = await ThreadedEventSearch.open(path, 2);
  return {
    sink: new SqliteEventSink(db),
    search,
    refresh: async () => {},
    close: async () => {
      await search.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

import { openSqliteDatabase, SqliteEventSink } from '@vigil/ingest';
import { SqliteEventSearch } from '@vigil/search-api';
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

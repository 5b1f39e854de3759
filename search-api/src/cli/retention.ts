import { join } from 'node:path';
import { openSqliteDatabase, retentionRules, SqliteEventSink } from '@vigil/ingest';
import type { VigilConfig } from '../config.ts';

export async function runRetentionOnce(config: VigilConfig): Promise<number> {
  const db = openSqliteDatabase(join(config.dataDir, 'vigil.db'));
  try {
    const rules = retentionRules(config.retentionDays, config.retention);
    const deleted = await new SqliteEventSink(db).applyRetention(rules, new Date());
    console.log(`retention: deleted ${deleted} expired events`);
    for (const rule of rules)
      console.log(`  ${rule.source}${rule.category ? '.' + rule.category : ''}: ${rule.days} days`);
    return deleted;
  } finally {
    db.close();
  }
}

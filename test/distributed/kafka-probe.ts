import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { INGEST_GROUP, TOPICS } from '@vigil/ingest';

export interface GroupProgress {
  committed: number;
  end: number;
}

/** How far the ingest group got on the raw topic, from Kafka itself (works while the engine is frozen). */
export async function groupProgress(admin: Admin): Promise<GroupProgress> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(TOPICS.raw),
    admin.fetchOffsets({ groupId: INGEST_GROUP, topics: [TOPICS.raw] }),
  ]);
  const end = ends.reduce((sum, p) => sum + Number(p.high), 0);
  const done = (committed[0]?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  return { committed: done, end };
}

export async function waitForProgress(
  admin: Admin,
  reached: (progress: GroupProgress) => boolean,
  timeoutMs: number,
): Promise<GroupProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await groupProgress(admin);
    if (reached(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`ingest group stuck at ${progress.committed}/${progress.end}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface TopicRecord {
  key: string | undefined;
  value: Buffer;
  headers: Record<string, string>;
}

function plain(message: KafkaMessage): TopicRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return { key: message.key?.toString(), value: message.value ?? Buffer.alloc(0), headers };
}

/** Reads a topic from the start with a throwaway group until `enough` says so (or the time is up). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  enough: (records: TopicRecord[]) => boolean,
  timeoutMs = 30_000,
): Promise<TopicRecord[]> {
  const consumer = kafka.consumer({ groupId: `vigil-test-reader-${process.pid}-${Date.now()}` });
  const records: TopicRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        records.push(...batch.messages.map(plain));
        if (enough(records)) done();
      },
    });
    await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

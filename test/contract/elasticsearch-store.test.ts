import { afterAll } from 'vitest';
import { startElasticsearch } from '../support/engines.ts';
import { describeEngineBehaviour, openEngineStore } from './engine-store.ts';
import { describeStoreContract } from './store-contract.ts';

// The real Elasticsearch (integ-test build), started by deploy/engines.sh for this file alone (at collection time, so a
// first start that resolves from Maven Central is not cut short by a hook timeout).
const engine = await startElasticsearch();
afterAll(() => engine.stop());

describeStoreContract('elasticsearch', () => openEngineStore('elasticsearch', engine));
describeEngineBehaviour('elasticsearch', () => engine);

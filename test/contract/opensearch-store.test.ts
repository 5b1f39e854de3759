import { afterAll } from 'vitest';
import { startOpenSearch } from '../support/engines.ts';
import { describeEngineBehaviour, openEngineStore } from './engine-store.ts';
import { describeStoreContract } from './store-contract.ts';

// The real OpenSearch, started by deploy/engines.sh for this file alone (at collection time, so a
// first start that resolves from Maven Central is not cut short by a hook timeout).
const engine = await startOpenSearch();
afterAll(() => engine.stop());

describeStoreContract('opensearch', () => openEngineStore('opensearch', engine));
describeEngineBehaviour('opensearch', () => engine);

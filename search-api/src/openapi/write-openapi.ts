import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openapiDocument } from './openapi-document.ts';

/** `npm run openapi`: writes the document the UI's client types are generated from. */
const target = fileURLToPath(new URL('../../../ui/src/lib/api/openapi.json', import.meta.url));
writeFileSync(target, await openapiDocument());
console.log(`wrote ${target}`);

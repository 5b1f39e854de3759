#!/usr/bin/env node
// The operator CLI. Vigil runs its TypeScript through tsx, so the CLI registers it first.
import { register } from 'tsx/esm/api';

register();
await import('../search-api/src/cli/main.ts');

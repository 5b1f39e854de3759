import { defineConfig } from 'vitest/config';

/** The UI's own logic (plain TS modules under src/lib); no SvelteKit plugin needed to test them. */
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The bundled corpus's index, built once and shared read-only (test/helpers/temp-index.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests start real servers and build real indexes: keep them in separate processes, two at a time (2 cores).
    pool: 'forks',
    maxWorkers: 2,
  },
});

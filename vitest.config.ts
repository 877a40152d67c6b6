import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker per CPU but one, which on CI's two cores runs the files one
    // at a time; most of a file's time is spent waiting (a server, PostgreSQL, Chromium, a child
    // process), so two workers finish the run sooner.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

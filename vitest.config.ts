import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // Playwright owns test/e2e.
    exclude: ['test/e2e/**', '**/node_modules/**', 'out/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000, // ms: integration tests open real SMTP sockets and SQLite files
    hookTimeout: 30_000,
  },
});

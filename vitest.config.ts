import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // Playwright owns test/e2e.
    exclude: ['test/e2e/**', '**/node_modules/**', 'out/**'],
    environment: 'node',
    // CI keeps a machine-readable copy for .ci/run's closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    pool: 'forks',
    testTimeout: 30_000, // ms: integration tests open real SMTP sockets and SQLite files
    hookTimeout: 30_000,
  },
});

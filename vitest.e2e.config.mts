import { defineConfig } from 'vitest/config'

/** End-to-end: the built app behind the web host, driven in Debian's Chromium by Playwright. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks'
  }
})

import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The faster mutation configuration (`npm run mutate:checks`): only the check tests, without the
 * property test, the fuzz tests and the fault matrix. It can only lose kills, so its score is a
 * lower bound of `npm run mutate`'s; use it while working on one rule. Not used by `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/checks/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '.stryker-tmp/**', 'test/checks/stream-engine.property.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

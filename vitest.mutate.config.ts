import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of `src/checks/**` (`npm run mutate`): the check
 * tests, the fuzz tests and the fault matrix, the ones that judge the checks. Not used by `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/checks/**/*.test.ts', 'test/robustness/**/*.test.ts', 'test/fixtures/fault-matrix.test.ts'],
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

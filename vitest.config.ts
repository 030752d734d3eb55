import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The worked examples run too, so they stay true.
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Stryker's sandboxes hold a copy of the tests.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

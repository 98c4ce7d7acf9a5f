import { defineConfig } from 'vitest/config';

/** Pure rules and scoring: no server, milliseconds (test/rules/). */
const rules = { name: 'rules', include: ['test/rules/**/*.test.ts'] };

/**
 * What users do, against the real platform: one Temporal dev server, one database, one worker and API
 * for the whole run (test/global-setup.ts).
 */
export const platform = {
  name: 'platform',
  include: ['test/**/*.test.ts'],
  exclude: ['test/rules/**'],
  globalSetup: ['test/global-setup.ts'],
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 180_000,
  // A page, a Schedule or a projection catching up under load takes more than expect.poll's 1 s default.
  expect: { poll: { timeout: 15_000, interval: 100 } },
};

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [{ test: rules }, { test: platform }],
  },
});

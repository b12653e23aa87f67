import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'packages/*/tests/**/*.test.ts'],
    // One in-memory Azurite for the whole run; each test file works in tables of its own.
    globalSetup: ['tests/setup/azurite.global.ts', 'tests/setup/dev-tls.global.ts', 'tests/setup/addin.global.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

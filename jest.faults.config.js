// `pnpm test:faults`: the fault-injection suite, run on its own (it starts its own nats-server and the six
// services as processes, and takes a few minutes).
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/evals/faults/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 20 * 60_000,
  maxWorkers: 1,
};

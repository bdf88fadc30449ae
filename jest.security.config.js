// `pnpm test:security`: attacks on the running product (access control, workspaces, admission, hostile input),
// each file against its own stack of the six services as processes.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/evals/security/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 10 * 60_000,
  maxWorkers: 1,
};

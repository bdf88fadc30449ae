// ESM + TypeScript through SWC: no type checking here (that is `pnpm typecheck`), just fast transforms.
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'es6' },
  },
];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: [
    '<rootDir>/{packages,services,evals}/*/{src,test}/**/*.test.ts',
    '<rootDir>/evals/{src,test}/**/*.test.ts',
    '<rootDir>/{cli,deploy}/{src,test}/**/*.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/faults/', '/security/'],
  // Integration tests talk to real NATS and Postgres, and some train models, on a shared and loaded 2-core machine.
  testTimeout: 120_000,
  maxWorkers: 2,
};

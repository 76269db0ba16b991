/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleNameMapper: {
    "^pulumi-ncloud-keys$": "<rootDir>/provider/index.ts",
    "^pulumi-ncloud-keys/sdk$": "<rootDir>/sdk/index.ts",
    "^pulumi-ncloud-keys/emulator$": "<rootDir>/sdk/emulator/index.ts",
  },
  testTimeout: 30000,
  // Jest runs everything in one process when it sees one spare core (2 cores here), and that
  // process kept every test file's module registry and garbage alive: 4-6.6 GB peak RSS. Two
  // workers overlap the suite's waits (sockets, child processes) and a worker whose heap is over
  // the limit after a file is replaced by a fresh one, so no process grows past ~1 GB.
  maxWorkers: 2,
  workerIdleMemoryLimit: "400MB",
  // Slow files first when jest knows no durations (a fresh clone): see the sequencer.
  testSequencer: "<rootDir>/tests/engineFirstSequencer.js",
  // The end-to-end suite runs the real `pulumi`: find or build it once, before any worker starts.
  globalSetup: "<rootDir>/tests/e2e/globalSetup.ts",
  globalTeardown: "<rootDir>/tests/e2e/globalTeardown.ts",
};

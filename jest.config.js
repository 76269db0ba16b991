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
  // The end-to-end suite runs the real `pulumi`: find or build it once, before any worker starts.
  globalSetup: "<rootDir>/tests/e2e/globalSetup.ts",
};

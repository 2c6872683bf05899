// Jest in ESM mode with ts-jest (the typescript-action template's setup).
// Tests that need the bundle, a real MLflow server or Chromium live beside the
// unit tests and skip themselves only where the suite says why.
export default {
  clearMocks: true,
  collectCoverage: false,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  preset: 'ts-jest/presets/default-esm',
  reporters: ['default'],
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  testTimeout: 30000,
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: 'tsconfig.typecheck.json', useESM: true, diagnostics: false }
    ]
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  verbose: false
}

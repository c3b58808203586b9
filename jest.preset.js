// One Jest set-up for every project: @swc/jest compiles TypeScript with the decorator metadata NestJS's
// dependency injection needs, and Nx's resolver maps the @concierge/* paths of tsconfig.base.json.
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // End-to-end suites start real processes; a generous ceiling, never a performance threshold.
  testTimeout: 30_000,
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // content-disposition 3 (via @fastify/static, which Swagger UI needs) ships only ESM: compile it too.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
};

module.exports = {
  displayName: 'deploy',
  preset: '../jest.preset.js',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
};

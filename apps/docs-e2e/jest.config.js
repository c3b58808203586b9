// The API docs of the built gateways, over real sockets and in Debian's Chromium (see test/support/chromium.ts).
module.exports = {
  displayName: 'docs-e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/docs-e2e',
  testTimeout: 60_000,
};

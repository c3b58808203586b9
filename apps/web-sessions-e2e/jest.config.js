// Browser sessions of the built web gateway, driven in Debian's Chromium (see test/browser.ts).
module.exports = {
  displayName: 'web-sessions-e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/web-sessions-e2e',
  testTimeout: 60_000,
};

module.exports = {
  displayName: 'shared-feature-session',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-session',
};

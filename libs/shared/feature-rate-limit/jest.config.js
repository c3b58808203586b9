module.exports = {
  displayName: 'shared-feature-rate-limit',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-rate-limit',
};

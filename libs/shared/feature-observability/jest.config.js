module.exports = {
  displayName: 'shared-feature-observability',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-observability',
};

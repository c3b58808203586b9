module.exports = {
  displayName: 'shared-feature-gateway-core',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-gateway-core',
};

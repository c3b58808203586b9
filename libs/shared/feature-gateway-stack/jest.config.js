module.exports = {
  displayName: 'shared-feature-gateway-stack',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-gateway-stack',
};

module.exports = {
  displayName: 'shared-feature-api-docs',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-api-docs',
};

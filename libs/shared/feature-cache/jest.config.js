module.exports = {
  displayName: 'shared-feature-cache',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-cache',
};

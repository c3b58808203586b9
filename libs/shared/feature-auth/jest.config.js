module.exports = {
  displayName: 'shared-feature-auth',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-auth',
};

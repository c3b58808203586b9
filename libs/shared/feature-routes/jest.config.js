module.exports = {
  displayName: 'shared-feature-routes',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-routes',
};

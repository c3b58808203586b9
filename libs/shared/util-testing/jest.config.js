module.exports = {
  displayName: 'shared-util-testing',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-testing',
};

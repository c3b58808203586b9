module.exports = {
  displayName: 'shared-util-request-context',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-request-context',
};

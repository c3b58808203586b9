module.exports = {
  displayName: 'shared-util-contracts',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-contracts',
};

module.exports = {
  displayName: 'shared-util-aggregation',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-aggregation',
};

module.exports = {
  displayName: 'shared-data-access-clients',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/data-access-clients',
};

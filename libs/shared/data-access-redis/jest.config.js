module.exports = {
  displayName: 'shared-data-access-redis',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/data-access-redis',
};

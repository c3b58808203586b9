module.exports = {
  displayName: 'shared-data-access-service-clients',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/data-access-service-clients',
};

module.exports = {
  displayName: 'demo-services',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/demo-services',
};

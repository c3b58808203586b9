module.exports = {
  displayName: 'iot-bff',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/iot-bff',
};

module.exports = {
  displayName: 'iot-bff',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/iot-bff',
  // content-disposition 3 (via @fastify/static, which the API docs load) ships only ES modules; let swc
  // compile it to CommonJS like our own sources. Remove once the shared Jest preset does this.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

module.exports = {
  displayName: 'shared-feature-observability',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/feature-observability',
  // The e2e boots a real gateway, whose API docs load @fastify/static → content-disposition 3 (ES modules
  // only): Jest must compile it.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

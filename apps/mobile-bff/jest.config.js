module.exports = {
  displayName: 'mobile-bff',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/mobile-bff',
  // @fastify/static (the API docs' UI) requires content-disposition 3, which is ESM only: Jest must compile it.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

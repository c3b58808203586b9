const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

// One bundle per app (node_modules stay external), so `node dist/apps/iot-bff/main.js` runs it alone.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/iot-bff') },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      transformers: [{ name: '@nestjs/swagger/plugin', options: { classValidatorShim: true, introspectComments: true } }],
      assets: [{ input: './src/app', glob: 'routes.yaml', output: '.' }],
    }),
  ],
};

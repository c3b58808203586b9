const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/**
 * The webpack set-up of every Node app in the workspace: one bundle per app with node_modules left
 * external (and a package.json listing them), so `node dist/apps/<name>/main.js` runs the app alone.
 *
 * @param appDir the app's folder (`__dirname` of its webpack.config.js)
 * @param options.gateway a gateway: its DTOs documented by the @nestjs/swagger plugin, its routes file copied
 */
module.exports = function nodeAppWebpackConfig(appDir, { gateway = false } = {}) {
  const name = basename(appDir);
  return {
    output: { path: join(appDir, '../../dist/apps', name) },
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
        ...(gateway && {
          transformers: [
            {
              name: '@nestjs/swagger/plugin',
              // Response shapes live in `*.view.ts` (the BFFs) or `*.dto.ts` classes: both become schemas.
              options: {
                classValidatorShim: true,
                introspectComments: true,
                dtoFileNameSuffix: ['.dto.ts', '.entity.ts', '.view.ts'],
              },
            },
          ],
          // Read beside main.js at run time (the app module resolves it from __dirname).
          assets: [{ input: './src/app', glob: 'routes.yaml', output: '.' }],
        }),
      }),
    ],
  };
};

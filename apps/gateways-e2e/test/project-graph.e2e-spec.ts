import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@concierge/shared/util-testing';

/**
 * Nx finds which projects a change touches by reading their imports. When it cannot (its TypeScript
 * analysis is off without `@nx/js` in package.json unless nx.json turns it on), `nx affected` skips the
 * gateways a library change breaks, and the build cache hands back a gateway built from the old library.
 */
function affectedBy(file: string): string[] {
  const result = spawnSync(
    process.execPath,
    [
      join(workspaceRoot(), 'node_modules/nx/dist/bin/nx.js'),
      'show',
      'projects',
      '--affected',
      `--files=${file}`,
    ],
    {
      cwd: workspaceRoot(),
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );
  if (result.status !== 0) throw new Error(`nx show projects failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

describe('project graph', () => {
  it('a change to a shared library marks every gateway importing it as affected (rebuilt and retested, never served from the cache)', () => {
    const affected = affectedBy('libs/shared/data-access-service-clients/src/lib/upstream.client.ts');

    expect(affected).toEqual(
      expect.arrayContaining([
        'shared-data-access-service-clients',
        'shared-feature-routes',
        'web-bff',
        'mobile-bff',
        'iot-bff',
        'partner-api',
      ]),
    );
    expect(affected).not.toContain('demo-services');
  });
});

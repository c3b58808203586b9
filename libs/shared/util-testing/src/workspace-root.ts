import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The Nx workspace root: the nearest directory at or above `from` holding `nx.json`. Falls back to the
 * current directory, where Nx and Jest run from anyway.
 */
export function workspaceRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * `dist/apps/<name>/main.js` under the workspace root; throws, saying how to build it, when it is missing.
 */
export function appBundle(name: string): string {
  const bundle = join(workspaceRoot(), 'dist', 'apps', name, 'main.js');
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} does not exist: build it first (NX_DAEMON=false npx nx build ${name})`);
  }
  return bundle;
}

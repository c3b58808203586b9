// The benchmark's own routes file: the same catalog call declared three ways, and a large-body route.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeBenchRoutes(blobOrigin) {
  const file = join(mkdtempSync(join(tmpdir(), 'concierge-bench-')), 'routes.json');
  const product = { service: 'catalog', rewrite: '/products/:id' };
  const user = { user: { scopes: ['catalog:read'] } };
  writeFileSync(
    file,
    JSON.stringify({
      routes: [
        { id: 'bench-passthrough', methods: ['GET'], path: '/bench/products/:id', upstream: product, auth: user },
        {
          id: 'bench-cached',
          methods: ['GET'],
          path: '/bench/cached/products/:id',
          upstream: product,
          auth: user,
          cache: { enabled: true },
        },
        {
          id: 'bench-blob',
          methods: ['GET', 'POST'],
          path: '/bench/blob',
          upstream: { url: blobOrigin, rewrite: '/blob' },
          auth: 'public',
          rateLimit: 'off',
          timeoutMs: 120000,
          bodyLimitBytes: 314572800,
        },
      ],
    }),
  );
  return file;
}

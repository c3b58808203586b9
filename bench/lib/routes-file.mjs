// The benchmark's own routes file: the same 1 KB origin call declared as public, as authenticated and
// rate-limited, and as cached; and a large-body route for the streaming row.
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
        {
          id: 'bench-public',
          methods: ['GET'],
          path: '/bench/public/products/:id',
          upstream: product,
          auth: 'public',
          rateLimit: 'off',
        },
        {
          id: 'bench-passthrough',
          methods: ['GET'],
          path: '/bench/products/:id',
          upstream: product,
          auth: user,
        },
        {
          id: 'bench-cached',
          methods: ['GET'],
          path: '/bench/cached/products/:id',
          // The origin gives a shared-cache lifetime under /cacheable/ only, so no other row can cache.
          upstream: { service: 'catalog', rewrite: '/cacheable/products/:id' },
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

#!/usr/bin/env node
// `npm run lint`: a frontend team can add a service to its gateway touching only the files README.md's
// "Add a service" lists. In a scratch copy of the workspace this adds a `wishlist` service to the mobile
// gateway exactly that way — its contract, its client, the gateway's folder (and manifest), the demo
// service — and type-checks the whole workspace, including a line that only compiles if the gateway's
// validated environment gained `WISHLIST_SERVICE_URL` from the declaration alone.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'concierge-add-service-'));
const skip = (path) => /[/\\](node_modules|dist|\.nx|coverage|tmp)([/\\]|$)/.test(path.slice(root.length));

/** Each file the README lists, and what the team writes there. */
const ADDITIONS = {
  // 1. The contract (wire shapes), shared by the service and the gateways.
  'libs/shared/util-contracts/src/wishlist.contract.ts': {
    create: `/** A saved product on a user's wish list. */
export interface WishlistItem {
  productId: string;
  addedAt: string;
}

/** \`GET /wishlists/:userId\`. */
export interface Wishlist {
  userId: string;
  items: WishlistItem[];
}
`,
  },
  'libs/shared/util-contracts/src/index.ts': { append: `export * from './wishlist.contract';\n` },
  'libs/shared/util-contracts/src/demo-services.registry.ts': {
    replace: ['  devices: { port: 4004 },\n', '  devices: { port: 4004 },\n  wishlist: { port: 4006 },\n'],
  },
  // 2. The typed client.
  'libs/shared/data-access-clients/src/lib/wishlist.client.ts': {
    create: `import { Injectable } from '@nestjs/common';
import { pathSegment, UpstreamClient, type CallOptions } from '@concierge/shared/data-access-service-clients';
import type { Wishlist } from '@concierge/shared/util-contracts';
import type { Observable } from 'rxjs';

/** The wishlist service. */
@Injectable()
export class WishlistClient {
  static readonly service = 'wishlist';

  constructor(private readonly upstream: UpstreamClient) {}

  /** \`GET /wishlists/:userId\`. */
  getWishlist(userId: string, options?: CallOptions): Observable<Wishlist> {
    return this.upstream.get(WishlistClient.service, '/wishlists/:userId', \`/wishlists/\${pathSegment(userId)}\`, undefined, options);
  }
}
`,
  },
  'libs/shared/data-access-clients/src/index.ts': {
    append: `export { WishlistClient } from './lib/wishlist.client';\n`,
  },
  // 3. The gateway's folder: the declaration, the code that uses the client, and the gateway's manifest.
  'apps/mobile-bff/src/app/mobile.services.ts': {
    replace: [
      `  orders: { client: OrdersClient, defaultUrl: demoServiceUrl('orders') },\n`,
      `  orders: { client: OrdersClient, defaultUrl: demoServiceUrl('orders') },\n  wishlist: { client: WishlistClient, defaultUrl: demoServiceUrl('wishlist') },\n`,
    ],
    prepend: `import { WishlistClient } from '@concierge/shared/data-access-clients';\n`,
  },
  'apps/mobile-bff/src/app/wishlist/wishlist.controller.ts': {
    create: `import { Controller, Get } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import type { Observable } from 'rxjs';
import { WishlistClient } from '@concierge/shared/data-access-clients';
import { Authenticated, CurrentPrincipal, type Principal } from '@concierge/shared/feature-auth';
import type { Wishlist } from '@concierge/shared/util-contracts';
import type { mobileEnvironment } from '../mobile.environment';

// Compiles only if the declaration alone gave the gateway's environment its URL variable.
export const WISHLIST_URL_VARIABLE: keyof Static<typeof mobileEnvironment> = 'WISHLIST_SERVICE_URL';

@Controller('api/wishlist')
export class WishlistController {
  constructor(private readonly wishlist: WishlistClient) {}

  @Get()
  @Authenticated({ scopes: ['profile:read'], principal: 'user' })
  mine(@CurrentPrincipal() principal: Principal): Observable<Wishlist> {
    return this.wishlist.getWishlist(principal.subject);
  }
}
`,
  },
  'apps/mobile-bff/src/app/app.module.ts': {
    prepend: `import { WishlistController } from './wishlist/wishlist.controller';\n`,
    replace: ['controllers: [', 'controllers: [WishlistController, '],
  },
  'deploy/k8s/mobile-bff.yaml': {
    replace: [
      '  ORDERS_SERVICE_URL: ',
      '  WISHLIST_SERVICE_URL: http://wishlist.services.svc.cluster.local\n  ORDERS_SERVICE_URL: ',
    ],
  },
  // 4. The demo service.
  'apps/demo-services/src/wishlist/wishlist.routes.ts': {
    create: `import type { Wishlist } from '@concierge/shared/util-contracts';
import type { FastifyInstance } from 'fastify';

export async function wishlistRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { userId: string } }>('/wishlists/:userId', async (request): Promise<Wishlist> => {
    return { userId: request.params.userId, items: [] };
  });
}
`,
  },
  'apps/demo-services/src/demo-services.ts': {
    prepend: `import { wishlistRoutes } from './wishlist/wishlist.routes';\n`,
    replace: [
      '  const deviceKeys = new DeviceKeyStore(',
      '  await wishlistRoutes(apps.wishlist);\n\n  const deviceKeys = new DeviceKeyStore(',
    ],
  },
  // Its probe in the demo services' fault-injection test, which covers every service.
  'apps/demo-services/test/chaos.e2e-spec.ts': {
    replace: [
      "  devices: '/devices/dev-0001',\n",
      "  devices: '/devices/dev-0001',\n  wishlist: '/wishlists/u-1001',\n",
    ],
  },
};

function apply(file, change) {
  const path = join(scratch, file);
  if (change.create !== undefined) {
    mkdirSync(dirname(path), { recursive: true });
    return writeFileSync(path, change.create, { flag: 'wx' });
  }
  let text = readFileSync(path, 'utf8');
  if (change.replace) {
    const [from, to] = change.replace;
    if (!text.includes(from))
      throw new Error(
        `${file}: "${from.trim()}" not found; update tools/check-add-service.mjs and the README together`,
      );
    text = text.replace(from, to);
  }
  if (change.prepend) text = change.prepend + text;
  if (change.append) text += change.append;
  writeFileSync(path, text);
}

try {
  for (const part of ['apps', 'libs', 'deploy', 'tsconfig.base.json', 'tsconfig.typecheck.json']) {
    cpSync(join(root, part), join(scratch, part), { recursive: true, filter: (source) => !skip(source) });
  }
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  for (const [file, change] of Object.entries(ADDITIONS)) apply(file, change);
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(scratch, 'tsconfig.typecheck.json')],
    {
      stdio: 'inherit',
    },
  );
  process.stdout.write(
    `A wishlist service was added to mobile-bff touching only ${Object.keys(ADDITIONS).length} listed files; the workspace type-checks.\n`,
  );
} catch (error) {
  process.stderr.write(`Adding a service the README's way failed: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

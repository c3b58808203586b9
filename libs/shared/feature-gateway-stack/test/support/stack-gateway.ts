import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { register } from 'prom-client';
import { createGateway } from '@concierge/shared/feature-gateway-core';
import { GatewayStackModule } from '../../src';

/** A gateway built the way the apps build theirs (`GatewayStackModule`), with the routes a test declares. */
export interface StackGateway {
  app: NestFastifyApplication;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the full stack (auth, rate limits, response cache, declared routes, observability) on an
 * ephemeral port, with `routesYaml` as its routes file and `env` over quiet test defaults. No identity
 * service is needed as long as the routes are public.
 */
export async function startStackGateway(
  routesYaml: string,
  env: Record<string, string> = {},
): Promise<StackGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-e2e-'));
  const routesFile = join(dir, 'routes.yaml');
  writeFileSync(routesFile, routesYaml);
  // The stack registers its metrics in prom-client's default registry; each gateway of a suite starts clean.
  register.clear();
  const { app } = await createGateway(
    GatewayStackModule.forRoot({
      realm: 'stack-test',
      services: {},
      rateLimitKeyBy: 'ip',
      defaultRateLimit: 'off',
      routesFile,
    }),
    {
      name: 'stack-test',
      // No identity service: JWKS at a port nothing listens on.
      env: {
        PORT: '0',
        LOG_LEVEL: 'silent',
        ACCESS_LOG: 'false',
        IDENTITY_URL: 'http://127.0.0.1:9',
        ...env,
      },
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  return {
    app,
    url,
    port: Number(new URL(url).port),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One answer as a client sees it. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A GET with the headers given, `Host` included (fetch does not let a test choose it). */
export function getWith(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return requestWith(port, 'GET', path, headers);
}

/** A request with exactly the method and headers given (fetch adds headers of its own). */
export function requestWith(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    request.on('error', reject);
    request.end();
  });
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { generateSigningKey, type SigningKey } from './signing-keys';

/** A JWKS endpoint on an ephemeral port that counts how often it is fetched. */
export class JwksServer {
  /** Number of JWKS fetches served. */
  fetches = 0;
  private keys: JWK[] = [];
  private failing = false;
  private cacheControlValue?: string;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(keys: JWK[] = []): Promise<JwksServer> {
    const holder: { self?: JwksServer } = {};
    const server = createServer((request, response) => {
      const self = holder.self;
      if (!self || request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      self.fetches += 1;
      if (self.failing) {
        response.writeHead(503).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (self.cacheControlValue) headers['cache-control'] = self.cacheControlValue;
      response.writeHead(200, headers).end(JSON.stringify({ keys: self.keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const self = new JwksServer(server, `http://127.0.0.1:${port}/.well-known/jwks.json`);
    self.keys = keys;
    holder.self = self;
    return self;
  }

  /** Replaces the served keys (rotation). */
  serve(keys: JWK[]): void {
    this.keys = keys;
  }

  /** The `Cache-Control` sent with the keys (none by default). */
  cacheControl(value: string | undefined): void {
    this.cacheControlValue = value;
  }

  /** Answers 503 to every fetch while `on` (an issuer having a bad day). */
  fail(on: boolean): void {
    this.failing = on;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A fresh signing key and a JWKS endpoint that publishes it. */
export async function startJwksWithKey(alg = 'ES256'): Promise<{ key: SigningKey; jwks: JwksServer }> {
  const key = await generateSigningKey(alg);
  return { key, jwks: await JwksServer.start([key.publicJwk]) };
}

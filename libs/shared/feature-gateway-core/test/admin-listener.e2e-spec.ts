import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminServer, createGateway, InvalidEnvironmentError } from '../src';

@Module({})
class EmptyModule {}

const TOKEN = 'a-long-enough-admin-token-for-tests';
const SECRET = 'hs256-secret-that-must-never-be-shown-0123456789';

async function gatewayWith(
  env: Record<string, string>,
): Promise<{ app: NestFastifyApplication; client: string; admin: string }> {
  const { app } = await createGateway(EmptyModule, {
    name: 'admin-test',
    env: { PORT: '0', LOG_LEVEL: 'silent', ...env },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, client: await app.getUrl(), admin: app.get(AdminServer).url.replace('0.0.0.0', '127.0.0.1') };
}

describe('admin listener (e2e)', () => {
  describe('on loopback without a token (the default)', () => {
    let gw: Awaited<ReturnType<typeof gatewayWith>>;
    beforeAll(async () => {
      gw = await gatewayWith({
        JWT_HS256_SECRET: SECRET,
        REDIS_URL: 'redis://:redis-password@redis.internal:6379',
      });
    });
    afterAll(() => gw.app.close());

    it('listens on its own loopback port, apart from the client port', () => {
      expect(gw.admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(gw.admin).not.toBe(gw.client.replace('localhost', '127.0.0.1'));
    });

    it('serves /health/upstreams to operators, while the client port answers 404 for it', async () => {
      const admin = await fetch(`${gw.admin}/health/upstreams`);
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual({ upstreams: [] });
      const client = await fetch(`${gw.client}/health/upstreams`);
      expect(client.status).toBe(404);
      expect(client.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('shows the effective configuration with secrets and URL passwords redacted', async () => {
      const response = await fetch(`${gw.admin}/admin/config`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('redis-password');
      const { config } = JSON.parse(text);
      expect(config).toMatchObject({
        JWT_HS256_SECRET: '[redacted]',
        REDIS_URL: 'redis://:[redacted]@redis.internal:6379',
        ADMIN_HOST: '127.0.0.1',
        MAX_HEADERS: 100,
      });
    });

    it('keeps the probes on the client port, not on the admin one', async () => {
      expect((await fetch(`${gw.client}/health/ready`)).status).toBe(200);
      const admin = await fetch(`${gw.admin}/health/ready`);
      expect(admin.status).toBe(404);
      expect(admin.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });

  describe('with ADMIN_TOKEN', () => {
    let gw: Awaited<ReturnType<typeof gatewayWith>>;
    beforeAll(async () => {
      gw = await gatewayWith({ ADMIN_HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN });
    });
    afterAll(() => gw.app.close());

    it.each([
      ['no credentials', {}],
      ['a wrong token', { authorization: `Bearer ${TOKEN}x` }],
      ['the token as Basic', { authorization: `Basic ${TOKEN}` }],
    ])('refuses a caller with %s: 401 with a Bearer challenge', async (_case, headers) => {
      const response = await fetch(`${gw.admin}/admin/config`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.text()).not.toContain('ADMIN_HOST');
    });

    it('answers the bearer of the token, and never shows the token itself', async () => {
      const response = await fetch(`${gw.admin}/admin/config`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(TOKEN);
      expect(JSON.parse(text).config.ADMIN_TOKEN).toBe('[redacted]');
    });
  });

  describe('start-up', () => {
    it('refuses to start bound beyond loopback without ADMIN_TOKEN, naming the variable', async () => {
      const attempt = createGateway(EmptyModule, {
        name: 'admin-test',
        env: { PORT: '0', LOG_LEVEL: 'silent', ADMIN_HOST: '0.0.0.0' },
      });
      await expect(attempt).rejects.toThrow(InvalidEnvironmentError);
      await expect(attempt).rejects.toThrow(/ADMIN_TOKEN is required when ADMIN_HOST \(0\.0\.0\.0\)/);
    });

    it('names a too-short ADMIN_TOKEN without echoing it', async () => {
      const attempt = createGateway(EmptyModule, {
        name: 'admin-test',
        env: { PORT: '0', ADMIN_TOKEN: 'short-secret' },
      });
      await expect(attempt).rejects.toThrow(/ADMIN_TOKEN must NOT have fewer than 16 characters/);
      await expect(attempt).rejects.not.toThrow(/short-secret/);
    });

    it('defaults the admin port to the client port + 6000, and refuses one beyond 65535', async () => {
      const attempt = createGateway(EmptyModule, { name: 'admin-test', env: { PORT: '60000' } });
      await expect(attempt).rejects.toThrow(/ADMIN_PORT must be set: its default PORT \+ 6000 \(66000\)/);
    });
  });
});

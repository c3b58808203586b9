import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest } from './support/start';

describe('consumers service', () => {
  let services: RunningDemoServices;
  let consumers: string;

  beforeAll(async () => {
    services = await startForTest();
    consumers = services.urls.consumers;
  });
  afterAll(() => services.close());

  const verify = (key: string) =>
    call(`${consumers}/consumer-keys/verify`, { method: 'POST', json: { key } });

  it('verifies a demo key to its app with plan and status, and never answers with key material', async () => {
    const answer = await verify('ck_acme0001.partner-demo-secret-0001');
    expect(answer.body).toMatchObject({
      valid: true,
      keyId: 'acme0001',
      app: { id: 'acme-tools', plan: 'free', status: 'active' },
    });
    expect(JSON.stringify(answer.body)).not.toContain('partner-demo-secret');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect((await verify('ck_acme0001.wrong-secret')).body).toEqual({ valid: false });
    expect((await verify('not-a-key')).body).toEqual({ valid: false });
  });

  it('keeps two live keys through a rotation, and a revoked key never verifies again', async () => {
    const rotated = await call(`${consumers}/apps/globex-shop/keys/globex01/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toMatch(/^ck_k[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
    expect((await verify(rotated.body.key)).body.valid).toBe(true);
    expect((await verify('ck_globex01.partner-demo-secret-0002')).body.valid).toBe(true);

    expect((await call(`${consumers}/apps/globex-shop/keys/globex01`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await verify('ck_globex01.partner-demo-secret-0002')).body.valid).toBe(false);
    expect((await verify(rotated.body.key)).body.valid).toBe(true);
    const listed = await call(`${consumers}/apps/globex-shop/keys`);
    expect(
      listed.body.items.map((k: { keyId: string; revokedAt: string | null }) => [
        k.keyId,
        k.revokedAt !== null,
      ]),
    ).toEqual([
      ['globex01', true],
      [rotated.body.keyId, false],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('secret');
  });

  it('lets an operator suspend an app, and a partner read only itself', async () => {
    const patched = await call(`${consumers}/apps/acme-tools`, {
      method: 'PATCH',
      json: { status: 'suspended' },
    });
    expect(patched.body).toMatchObject({ id: 'acme-tools', status: 'suspended' });
    expect((await verify('ck_acme0001.partner-demo-secret-0001')).body.app.status).toBe('suspended');
    await call(`${consumers}/apps/acme-tools`, { method: 'PATCH', json: { status: 'active' } });

    expect(
      (await call(`${consumers}/apps/acme-tools`, { headers: { 'x-client-id': 'acme-tools' } })).status,
    ).toBe(200);
    expect(
      (await call(`${consumers}/apps/acme-tools`, { headers: { 'x-client-id': 'globex-shop' } })).status,
    ).toBe(404);
    expect(
      (
        await call(`${consumers}/apps/acme-tools/keys`, {
          method: 'POST',
          headers: { 'x-client-id': 'acme-tools' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(`${consumers}/apps/acme-tools`, { method: 'PATCH', json: { status: 'sleeping' } })).status,
    ).toBe(400);
  });
});

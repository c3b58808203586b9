import { CredentialStore } from './credential.store';
import { DEMO_CLIENTS, DEMO_USERS } from './demo-credentials';

describe(CredentialStore.name, () => {
  let sut: CredentialStore;
  beforeAll(async () => {
    sut = await CredentialStore.create(DEMO_USERS, DEMO_CLIENTS);
  });

  it('authenticates the demo users by password', async () => {
    expect(await sut.authenticateUser('alice', 'wonderland')).toEqual({
      subject: 'u-1001',
      roles: ['customer'],
      scopes: ['profile:read', 'catalog:read', 'orders:read', 'orders:write'],
    });
    expect((await sut.authenticateUser('admin', 'admin-demo'))?.scopes).toContain('devices:commands');
  });

  it('rejects a wrong password and an unknown user alike', async () => {
    expect(await sut.authenticateUser('alice', 'builder')).toBeNull();
    expect(await sut.authenticateUser('mallory', 'wonderland')).toBeNull();
  });

  it('authenticates clients, devices as themselves', () => {
    expect(sut.authenticateClient('dev-0001', 'iot-demo-secret-0001')).toMatchObject({
      subject: 'dev-0001',
      deviceId: 'dev-0001',
      roles: ['device'],
    });
    expect(sut.authenticateClient('reporting', 'reporting-demo-secret')?.scopes).toEqual([
      'catalog:read',
      'orders:read',
    ]);
    expect(sut.authenticateClient('dev-0001', 'iot-demo-secret-0002')).toBeNull();
    expect(sut.authenticateClient('nobody', 'iot-demo-secret-0001')).toBeNull();
  });
});

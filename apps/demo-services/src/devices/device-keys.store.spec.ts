import { DeviceKeyStore } from './device-keys.store';

describe(DeviceKeyStore.name, () => {
  const scopes = ['devices:telemetry' as const];

  it('verifies a known key and says whose it is, without echoing key material', () => {
    const sut = new DeviceKeyStore(scopes);
    sut.add('dev-0001', 'demo0001', 'iot-demo-secret-0001');
    const result = sut.verify('dk_demo0001.iot-demo-secret-0001');
    expect(result).toEqual({ valid: true, deviceId: 'dev-0001', keyId: 'demo0001', scopes });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('rejects a wrong secret, an unknown key id and a malformed key', () => {
    const sut = new DeviceKeyStore(scopes);
    sut.add('dev-0001', 'demo0001', 'iot-demo-secret-0001');
    expect(sut.verify('dk_demo0001.iot-demo-secret-0002')).toEqual({ valid: false });
    expect(sut.verify('dk_demo9999.iot-demo-secret-0001')).toEqual({ valid: false });
    expect(sut.verify('demo0001.iot-demo-secret-0001')).toEqual({ valid: false });
    expect(sut.verify('')).toEqual({ valid: false });
  });

  it('issues keys in the dk_<keyId>.<secret> format that verify until revoked', () => {
    const sut = new DeviceKeyStore(scopes);
    const issued = sut.issue('dev-0003');
    expect(issued.key).toMatch(new RegExp(`^dk_${issued.keyId}\\.[A-Za-z0-9_-]+$`));
    expect(sut.verify(issued.key)).toMatchObject({ valid: true, deviceId: 'dev-0003' });
    expect(sut.revoke('dev-0004', issued.keyId)).toBe(false);
    expect(sut.revoke('dev-0003', issued.keyId)).toBe(true);
    expect(sut.verify(issued.key)).toEqual({ valid: false });
    expect(sut.revoke('dev-0003', issued.keyId)).toBe(false);
  });
});

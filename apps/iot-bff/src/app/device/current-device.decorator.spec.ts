import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@concierge/shared/feature-auth';
import { deviceIdOf } from './current-device.decorator';

const principal = (overrides: Partial<Principal>): Principal => ({
  kind: 'device',
  subject: 'dev-0001',
  deviceId: 'dev-0001',
  scopes: [],
  roles: ['device'],
  claims: {},
  ...overrides,
});

describe(deviceIdOf.name, () => {
  it('is the verified device id of a device principal', () => {
    expect(deviceIdOf(principal({}))).toBe('dev-0001');
  });

  it('refuses a user, a client, a device without an id and no principal at all', () => {
    expect(() => deviceIdOf(principal({ kind: 'user', subject: 'u-1001' }))).toThrow(ForbiddenException);
    expect(() => deviceIdOf(principal({ kind: 'client', deviceId: undefined }))).toThrow(ForbiddenException);
    expect(() => deviceIdOf(principal({ deviceId: undefined }))).toThrow(ForbiddenException);
    expect(() => deviceIdOf(undefined)).toThrow(ForbiddenException);
  });
});

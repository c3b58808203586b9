import type { IncomingHttpHeaders } from 'node:http';
import { deviceKeyAsAuthorization } from './device-key-header';

describe(deviceKeyAsAuthorization.name, () => {
  it('turns a lone X-Device-Key into Authorization: ApiKey', () => {
    const sut: IncomingHttpHeaders = { 'x-device-key': ' dk_a.b ', accept: '*/*' };
    deviceKeyAsAuthorization(sut);
    expect(sut).toEqual({ authorization: 'ApiKey dk_a.b', accept: '*/*' });
  });

  it('leaves an Authorization header alone (it wins, as the authenticator has it)', () => {
    const sut: IncomingHttpHeaders = { 'x-device-key': 'dk_a.b', authorization: 'Bearer t' };
    deviceKeyAsAuthorization(sut);
    expect(sut).toEqual({ 'x-device-key': 'dk_a.b', authorization: 'Bearer t' });
  });

  it('leaves a repeated X-Device-Key alone (malformed either way) and requests without one', () => {
    const repeated = { 'x-device-key': ['dk_a.b', 'dk_c.d'] } as unknown as IncomingHttpHeaders;
    deviceKeyAsAuthorization(repeated);
    expect(repeated).toEqual({ 'x-device-key': ['dk_a.b', 'dk_c.d'] });
    const none: IncomingHttpHeaders = { accept: '*/*' };
    deviceKeyAsAuthorization(none);
    expect(none).toEqual({ accept: '*/*' });
  });
});

import { IDENTITY_HEADERS } from '@concierge/shared/util-http';
import type { RateLimitKeyBy } from './rate-limit.options';

const ORDER: Record<Exclude<RateLimitKeyBy, 'ip'>, readonly (keyof typeof IDENTITY_HEADERS)[]> = {
  user: ['userId', 'deviceId', 'clientId'],
  device: ['deviceId', 'userId', 'clientId'],
  client: ['clientId', 'userId', 'deviceId'],
};
const TAG: Record<string, string> = { userId: 'user', deviceId: 'device', clientId: 'client' };

/**
 * Whose bucket a request fills: the verified identity `keyBy` names (`user:<sub>`), else any other
 * verified identity (a device calling a user route still has its own bucket), else the client IP
 * (`ip:<address>`). `keyBy: 'ip'` always keys on the IP. `identity` holds what the auth layer set only.
 */
export function callerKey(
  keyBy: RateLimitKeyBy,
  identity: Record<string, string> | undefined,
  ip: () => string,
): string {
  if (keyBy !== 'ip' && identity) {
    for (const field of ORDER[keyBy]) {
      const value = identity[IDENTITY_HEADERS[field]];
      if (value) return `${TAG[field]}:${value}`;
    }
  }
  return `ip:${ip()}`;
}

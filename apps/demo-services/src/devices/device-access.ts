import type { Device } from '@concierge/shared/util-contracts';
import { IDENTITY_HEADERS } from '@concierge/shared/util-http';
import type { FastifyRequest } from 'fastify';
import { headerList, headerValue } from '../common/query';

/**
 * Defence in depth behind the gateway: a device may only touch itself, a user only their own devices
 * (admins any). A call with no identity headers is an internal one and is trusted.
 */
export function mayAccess(request: FastifyRequest, device: Device): boolean {
  const deviceId = headerValue(request.headers[IDENTITY_HEADERS.deviceId]);
  if (deviceId) return deviceId === device.id;
  const userId = headerValue(request.headers[IDENTITY_HEADERS.userId]);
  if (!userId) return true;
  return userId === device.ownerId || headerList(request.headers[IDENTITY_HEADERS.roles]).includes('admin');
}

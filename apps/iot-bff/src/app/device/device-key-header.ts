import type { IncomingHttpHeaders, Server } from 'node:http';

/**
 * `X-Device-Key: <key>` as the equivalent `Authorization: ApiKey <key>`, in place, when it is the request's
 * only credential. Anything else (an Authorization header already there, a repeated X-Device-Key) is left
 * as it is, so the authenticator sees exactly what it would have seen.
 */
export function deviceKeyAsAuthorization(headers: IncomingHttpHeaders): void {
  const key = headers['x-device-key'];
  if (typeof key !== 'string' || headers['authorization'] !== undefined) return;
  headers['authorization'] = `ApiKey ${key.trim()}`;
  delete headers['x-device-key'];
}

/**
 * Workaround for the gateway core: its first `onRequest` hook drops every header `isIdentityHeader()`
 * (util-http) matches, and that matches every `x-device-*` name, so `X-Device-Key` is deleted before
 * authentication can read it. Converting the header before Fastify sees the request keeps the documented
 * way for devices to authenticate working until the library exempts it.
 */
export function acceptDeviceKeyHeader(server: Server): void {
  server.prependListener('request', (request) => deviceKeyAsAuthorization(request.headers));
}

import type { IncomingHttpHeaders } from 'node:http';
import {
  DEVICE_KEY_HEADER,
  isIdentityHeader,
  isLowerCaseIdentityHeader,
  withoutHopByHop,
} from '@concierge/shared/util-http';
import { transformRequestHeaders } from './request-transforms';
import { transformResponseHeaders } from './response-transforms';
import type { HeaderTransforms, ResponseTransforms } from './routes.types';

type Headers = Record<string, string | string[]>;

/** Who asked, as the gateway saw it: the peer address and the scheme and host it was reached by. */
export interface ForwardingInfo {
  clientIp: string;
  proto: string;
  host?: string;
  /** The upstream's `host:port`. */
  upstreamHost: string;
  /** `Via` pseudonym, e.g. `concierge`. */
  via: string;
  /** The caller's `Authorization: Bearer` goes on (the route's `upstream.relayToken`). */
  relayToken: boolean;
}

// Headers a client may not set for the upstream: the gateway says who forwarded what (trustProxy is off).
const FORWARDING = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-real-ip',
];
// Credentials that are the gateway's to check: a device key or a session cookie never reaches a service.
const CREDENTIALS = [DEVICE_KEY_HEADER, 'cookie'];
const NEVER_FROM_CLIENT: ReadonlySet<string> = new Set([...FORWARDING, ...CREDENTIALS]);

/** Only a bearer token may be relayed, and only when the route says so; `ApiKey` (a device key) never. */
function relayedAuthorization(value: string | string[] | undefined, relayToken: boolean): boolean {
  return relayToken && typeof value === 'string' && /^bearer\s/i.test(value);
}
const notFromClient = (lower: string) => NEVER_FROM_CLIENT.has(lower) || isLowerCaseIdentityHeader(lower);

/**
 * The headers of the upstream request (RFC 9110 §7.6): the client's minus hop-by-hop ones and those its
 * `Connection` names, minus any identity or forwarding claim; the route's header transforms; `Via`,
 * `X-Forwarded-For/-Proto/-Host`; then the request's propagated headers (request id, trace context and
 * the *verified* identity), which nothing before can override.
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  forwarding: ForwardingInfo,
  propagated: Record<string, string>,
  transforms?: HeaderTransforms,
): Headers {
  // One pass over the client's headers; a route without header transforms does no more than that.
  let headers = withoutHopByHop(
    incoming as Record<string, string | string[] | undefined>,
    notFromClient,
  ) as Headers;
  if (
    headers['authorization'] !== undefined &&
    !relayedAuthorization(headers['authorization'], forwarding.relayToken)
  ) {
    delete headers['authorization'];
  }
  if (transforms) {
    headers = transformRequestHeaders(headers, transforms) as Headers;
    for (const name of Object.keys(headers)) {
      // A transform is configuration, but identity must only ever come from the verified principal.
      if (isIdentityHeader(name) || name === 'host' || name === 'connection' || NEVER_FROM_CLIENT.has(name))
        delete headers[name];
    }
  }
  headers['via'] = appendVia(incoming['via'], forwarding.via);
  headers['x-forwarded-for'] = forwarding.clientIp;
  headers['x-forwarded-proto'] = forwarding.proto;
  if (forwarding.host) headers['x-forwarded-host'] = forwarding.host;
  headers['host'] = forwarding.upstreamHost;
  Object.assign(headers, propagated);
  return headers;
}

// Upstream details a client has no use for.
const isUpstreamInternal = (lower: string) => lower === 'server' || lower === 'x-powered-by';

/**
 * The headers of the client's response: the upstream's minus hop-by-hop ones and those its `Connection`
 * names, minus server internals, plus `Via`, with the route's response header transforms applied.
 */
export function downstreamResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
  via: string,
  transforms?: ResponseTransforms['headers'],
): Headers {
  const headers = withoutHopByHop(upstream, isUpstreamInternal) as Headers;
  headers['via'] = appendVia(upstream['via'], via);
  return transformResponseHeaders(headers, transforms) as Headers;
}

function appendVia(existing: string | string[] | undefined, pseudonym: string): string {
  const own = `1.1 ${pseudonym}`;
  const previous = Array.isArray(existing) ? existing.join(', ') : existing;
  return previous ? `${previous}, ${own}` : own;
}

/**
 * Why a request's message framing is refused (RFC 9112 §6.3), or undefined: `Content-Length` together
 * with `Transfer-Encoding`, more than one or a malformed `Content-Length`, or a `Transfer-Encoding` other
 * than a single `chunked`. Node's parser refuses most of these itself; this is the second lock.
 */
export function framingProblem(rawHeaders: readonly string[]): string | undefined {
  let lengths = 0;
  let encodings = 0;
  let badLength = false;
  let badEncoding = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (name === 'content-length') {
      lengths++;
      if (!/^\d+$/.test(rawHeaders[i + 1].trim())) badLength = true;
    } else if (name === 'transfer-encoding') {
      encodings++;
      if (rawHeaders[i + 1].trim().toLowerCase() !== 'chunked') badEncoding = true;
    }
  }
  if (lengths > 0 && encodings > 0)
    return 'A request may not carry both Content-Length and Transfer-Encoding.';
  if (lengths > 1) return 'A request may carry only one Content-Length.';
  if (badLength) return 'The Content-Length is malformed.';
  if (encodings > 1 || badEncoding) return 'Only a single "Transfer-Encoding: chunked" is accepted.';
  return undefined;
}

import { isIdentityHeader, withoutHopByHop } from '@concierge/shared/util-http';
import { RequestContext, propagatedHeaders } from '@concierge/shared/util-request-context';

/**
 * The headers of an upstream call: the caller's own (minus hop-by-hop ones and any identity header —
 * identity comes only from the verified request context), then the request's id, trace context and
 * verified identity, which win.
 */
export function outboundHeaders(
  extra: Record<string, string | string[] | undefined> | undefined,
  context: RequestContext | undefined,
): Record<string, string> {
  const propagated = propagatedHeaders(context);
  if (!extra) return propagated;
  const headers: Record<string, string> = {};
  const own = withoutHopByHop(extra);
  for (const name in own) {
    if (isIdentityHeader(name)) continue;
    const value = own[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return Object.assign(headers, propagated);
}

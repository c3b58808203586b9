import { createTraceState, type SpanContext } from '@opentelemetry/api';
import { saneTraceparent } from '@concierge/shared/util-http';

/** The client's span as a remote parent, when its `traceparent` is sane (version 00, non-zero ids). */
export function remoteParent(
  traceparent: string | string[] | undefined,
  tracestate: string | string[] | undefined,
): SpanContext | undefined {
  const sane = saneTraceparent(traceparent);
  if (!sane) return undefined;
  const state = Array.isArray(tracestate) ? tracestate[0] : tracestate;
  return {
    traceId: sane.slice(3, 35),
    spanId: sane.slice(36, 52),
    traceFlags: parseInt(sane.slice(53, 55), 16),
    isRemote: true,
    traceState: state && state.length <= 512 ? createTraceState(state) : undefined,
  };
}

/** The W3C `traceparent` that names `span` (version 00, the sampled flag kept). */
export function formatTraceparent({ traceId, spanId, traceFlags }: SpanContext): string {
  return `00-${traceId}-${spanId}-0${traceFlags & 1}`;
}

/** A framing defect Node's parser accepts but a gateway in front of other servers must not. */
export interface FramingProblem {
  type: string;
  detail: string;
}

/**
 * What the request's framing headers say that Node tolerates and an upstream might read differently
 * (RFC 9112 §3.2 and §6.1): a second `Host` (Node keeps the first, another server the last), and any
 * `Transfer-Encoding` but one plain `chunked` (Node accepts `identity, chunked` and repeated `chunked`,
 * which servers behind the gateway frame differently: the root of request smuggling). Conflicts between
 * Content-Length and Transfer-Encoding, and repeated Content-Lengths, Node refuses itself.
 */
export function framingProblem(rawHeaders: readonly string[]): FramingProblem | undefined {
  let hosts = 0;
  let encodings = 0;
  let plainChunked = true;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    // Most names are neither; the length check spares the lower-casing.
    if (name.length === 4 && name.toLowerCase() === 'host') {
      hosts++;
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') {
      encodings++;
      if (rawHeaders[i + 1].trim().toLowerCase() !== 'chunked') plainChunked = false;
    }
  }
  if (hosts > 1) return { type: 'duplicate-host', detail: 'A request must carry exactly one Host header.' };
  if (encodings > 1 || !plainChunked) {
    return {
      type: 'unsupported-transfer-encoding',
      detail: 'Only a single "Transfer-Encoding: chunked" is accepted.',
    };
  }
  return undefined;
}

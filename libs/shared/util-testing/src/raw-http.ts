import { connect } from 'node:net';

/** The bytes of a request: all at once, or pieces with a pause after each (a slow client). */
export type RawPayload = string | Buffer | { pieces: (string | Buffer)[]; gapMs: number };

/** What came back on a raw connection. */
export interface RawOutcome {
  /** The first final response's status, when a status line arrived. */
  status?: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The server closed the connection (after answering, or without a word). */
  closed: boolean;
  /** Neither a complete response nor a close within the time allowed: a hang. */
  hung: boolean;
  ms: number;
}

export interface SendRawOptions {
  /** After a complete response, wait this long for a close to follow, so `closed` can be asserted. */
  closeGraceMs?: number;
}

interface Parsed {
  status?: number;
  headers: Record<string, string>;
  body: Buffer;
  complete: boolean;
}

function parseResponse(data: Buffer): Parsed {
  // Interim answers (`100 Continue`) come before the response that counts.
  while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 13).toString('latin1'))) {
    const interimEnd = data.indexOf('\r\n\r\n');
    if (interimEnd === -1) return { headers: {}, body: Buffer.alloc(0), complete: false };
    data = data.subarray(interimEnd + 4);
  }
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return { headers: {}, body: Buffer.alloc(0), complete: false };
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  const body = data.subarray(end + 4);
  const length = headers['content-length'] === undefined ? NaN : Number(headers['content-length']);
  const status = match ? Number(match[1]) : undefined;
  // 204 and 304 have no body.
  const complete =
    status !== undefined && status >= 200 && (status === 204 || status === 304 || body.length >= length);
  return { status, headers, body, complete };
}

/**
 * Sends `payload` exactly as given on a fresh TCP connection (so tests control framing that an HTTP client
 * would refuse to produce) and resolves with the first response once it is complete (by Content-Length),
 * or when the server closes, or after `timeoutMs` (`hung`). Never rejects.
 */
export function sendRaw(
  port: number,
  payload: RawPayload,
  timeoutMs = 3000,
  { closeGraceMs = 0 }: SendRawOptions = {},
): Promise<RawOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean, hung: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const { complete: _complete, ...response } = parseResponse(Buffer.concat(chunks));
      resolve({ ...response, closed, hung, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false, true), timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (!parseResponse(Buffer.concat(chunks)).complete) return;
      if (closeGraceMs > 0)
        setTimeout(() => finish(socket.readableEnded || socket.destroyed, false), closeGraceMs);
      else finish(socket.readableEnded, false);
    });
    socket.on('end', () => finish(true, false));
    socket.on('close', () => finish(true, false));
    socket.on('error', () => finish(true, false));
    socket.on('connect', () => {
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        socket.write(payload, () => undefined);
        return;
      }
      const { pieces, gapMs } = payload;
      const next = (index: number) => {
        if (settled || socket.destroyed || index >= pieces.length) return;
        socket.write(pieces[index], () => undefined);
        setTimeout(() => next(index + 1), gapMs);
      };
      next(0);
    });
  });
}

import { connect } from 'node:net';

/** What came back on a raw socket: the first response (if any) and whether the server closed. */
export interface RawResponse {
  status?: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection (after answering, or without a word). */
  closed: boolean;
  /** Nothing complete came back within the time allowed. */
  timedOut: boolean;
  ms: number;
}

/** The bytes to send: all at once, or pieces with a pause before each. */
export type RawPayload = string | Buffer | { pieces: (string | Buffer)[]; gapMs: number };

function parse(data: Buffer): Omit<RawResponse, 'closed' | 'timedOut' | 'ms'> & { complete: boolean } {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return { headers: {}, body: '', complete: false };
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = data.subarray(end + 4);
  const length = Number(headers['content-length'] ?? NaN);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  return { status, headers, body: body.toString('utf8'), complete: Number.isFinite(length) && body.length >= length };
}

/**
 * Sends `payload` over a fresh TCP connection and resolves with the first response, once it is complete
 * (by Content-Length), the server closes, or `timeoutMs` passes — whichever is first. Never rejects.
 */
export function rawRequest(port: number, payload: RawPayload, timeoutMs = 3000): Promise<RawResponse> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean, timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const { complete: _complete, ...response } = parse(Buffer.concat(chunks));
      resolve({ ...response, closed, timedOut, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false, true), timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (parse(Buffer.concat(chunks)).complete) {
        // Give a close that follows the answer a moment to arrive, so `closed` can be asserted.
        setTimeout(() => finish(socket.readableEnded || socket.destroyed, false), 50);
      }
    });
    socket.on('end', () => finish(true, false));
    socket.on('close', () => finish(true, false));
    socket.on('error', () => finish(true, false));
    socket.on('connect', async () => {
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        socket.write(payload);
        return;
      }
      for (const piece of payload.pieces) {
        await new Promise((resolve) => setTimeout(resolve, payload.gapMs));
        if (settled || socket.destroyed) return;
        socket.write(piece);
      }
    });
  });
}

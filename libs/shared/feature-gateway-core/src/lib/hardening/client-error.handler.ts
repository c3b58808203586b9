import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, requestIdFrom } from '@concierge/shared/util-http';

/** What Node's HTTP parser refused, as a status and a detail safe to show (never the parser's own words). */
interface ClientErrorAnswer {
  status: number;
  detail: string;
}

interface ParserError extends Error {
  code?: string;
  /** The bytes the parser had when it gave up (typed loosely by Fastify; a Buffer at run time). */
  rawPacket?: unknown;
}

const TIMEOUT: ClientErrorAnswer = { status: 408, detail: 'The request was not received in time.' };
const HEADERS_TOO_LARGE: ClientErrorAnswer = { status: 431, detail: 'The request headers are too large.' };
const URL_TOO_LONG: ClientErrorAnswer = { status: 414, detail: 'The request URL is too long.' };
const MALFORMED: ClientErrorAnswer = { status: 400, detail: 'The request is not well-formed HTTP/1.1.' };

/** The request line had not ended within the header budget, or is itself longer than any URL we accept. */
function isRequestLineTooLong(rawPacket: unknown, maxUrlLength: number): boolean {
  if (!Buffer.isBuffer(rawPacket) || rawPacket.length === 0) return false;
  const end = rawPacket.indexOf('\r\n');
  return end === -1 ? rawPacket.length > maxUrlLength : end > maxUrlLength + 32;
}

/** The answer to an error Node's parser raised before any route could see the request. */
export function clientErrorAnswer(error: ParserError, maxUrlLength: number): ClientErrorAnswer {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return TIMEOUT;
    case 'HPE_HEADER_OVERFLOW':
      return isRequestLineTooLong(error.rawPacket, maxUrlLength) ? URL_TOO_LONG : HEADERS_TOO_LARGE;
    default:
      // Broken framing, smuggling patterns (CL+TE, conflicting lengths, bad chunks), bare CR/LF,
      // invalid characters, unknown methods and versions: all one answer, none of them a 5xx.
      return MALFORMED;
  }
}

/** A complete HTTP/1.1 response with a problem+json body, written straight to the socket. */
export function rawProblemResponse(
  { status, detail }: ClientErrorAnswer,
  requestId = requestIdFrom(undefined),
): string {
  const body = JSON.stringify({ ...problem(status, detail), requestId });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `X-Request-Id: ${requestId}\r\n` +
    'X-Content-Type-Options: nosniff\r\n' +
    'Cache-Control: no-store\r\n' +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the bytes before Fastify saw a request. The client
 * gets a short problem+json (unless a response is already on its way, which must not be corrupted) and
 * the connection is closed: after a framing error nothing that follows on it can be trusted.
 */
export function createClientErrorHandler(maxUrlLength: number) {
  return function onClientError(this: FastifyInstance, error: ParserError, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const answer = clientErrorAnswer(error, maxUrlLength);
    this.log.debug({ code: error.code, status: answer.status }, 'client error');
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    // `end` flushes the answer first; whatever the client still sends is not waited for.
    socket.end(rawProblemResponse(answer));
    setTimeout(() => socket.destroy(), 1000).unref();
  };
}

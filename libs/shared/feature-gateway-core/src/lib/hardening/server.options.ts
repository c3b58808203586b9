import type { Server, ServerOptions } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, requestIdFrom } from '@concierge/shared/util-http';
import type { GatewayEnvironment } from '../config/gateway-environment';
import { createClientErrorHandler, rawProblemResponse } from './client-error.handler';
import { cappedQueryStringParser } from './query-string.parser';

type HardeningConfig = Pick<
  GatewayEnvironment,
  | 'MAX_HEADER_BYTES'
  | 'MAX_HEADERS'
  | 'MAX_URL_LENGTH'
  | 'MAX_QUERY_PARAMS'
  | 'HEADERS_TIMEOUT_MS'
  | 'REQUEST_TIMEOUT_MS'
  | 'CONNECTION_TIMEOUT_MS'
  | 'KEEP_ALIVE_TIMEOUT_MS'
  | 'MAX_CONNECTIONS'
>;

/** Errors the router raises before any hook runs, as problem+json instead of Fastify's plain JSON. */
const FRAMEWORK_ERRORS: Record<string, { status: number; type: string; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, type: 'bad-url', detail: 'The request path is not a valid URL component.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    type: 'url-too-long',
    detail: 'A path segment of this URL is too long.',
  },
};

function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK_ERRORS[error.code] ?? {
    status: 400,
    type: 'bad-request',
    detail: 'The request cannot be routed.',
  };
  reply
    .code(known.status)
    .header('x-request-id', request.id)
    .header('x-content-type-options', 'nosniff')
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem(known.status, known.detail, { type: known.type }), requestId: request.id });
}

/**
 * The Fastify (and Node `http`) options that keep hostile clients out before any route runs: header
 * budget, timeouts against slow clients, a capped query parser, problem+json for what Node's parser and
 * Fastify's router refuse. The other limits are hooks (`installRequestLimits`).
 */
export function hardenedServerOptions(
  config: HardeningConfig,
): FastifyServerOptions & { http: ServerOptions } {
  return {
    http: {
      maxHeaderSize: config.MAX_HEADER_BYTES,
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      // Node checks the two timeouts above on this interval (30 s by default, far too coarse).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.HEADERS_TIMEOUT_MS / 4))),
      // Refused by `installRequestLimits` as problem+json rather than Node's bodiless 400.
      requireHostHeader: false,
    },
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    clientErrorHandler: createClientErrorHandler(config.MAX_URL_LENGTH),
    frameworkErrors,
    routerOptions: {
      maxParamLength: 256,
      querystringParser: cappedQueryStringParser(config.MAX_QUERY_PARAMS),
    },
  };
}

/**
 * Settings Node offers only on the server object, once it exists: a header-count cap one above ours (so
 * the limit hook sees that there were too many, while Node parses no more than that), and answers to
 * `Expect` values we do not support and to `CONNECT`, which a gateway never tunnels.
 */
export function hardenServer(server: Server, config: HardeningConfig): void {
  server.maxHeadersCount = config.MAX_HEADERS + 1;
  // Past it, Node closes a new connection as it is accepted: memory stays within the container's limit.
  server.maxConnections = config.MAX_CONNECTIONS;
  server.on('checkExpectation', (request, response) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    const body = JSON.stringify({ ...problem(417, 'Only "Expect: 100-continue" is supported.'), requestId });
    response.writeHead(417, {
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-length': Buffer.byteLength(body),
      'x-request-id': requestId,
      connection: 'close',
    });
    response.end(body);
    request.resume();
  });
  server.on('connect', (_request, socket) => {
    socket.end(rawProblemResponse({ status: 405, detail: 'CONNECT is not supported.' }));
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}

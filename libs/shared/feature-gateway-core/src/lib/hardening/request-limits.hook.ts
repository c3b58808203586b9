import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { problem } from '@concierge/shared/util-http';
import { countQueryParams } from './query-string.parser';
import { framingProblem } from './request-framing';

export interface RequestLimits {
  maxUrlLength: number;
  maxHeaders: number;
  maxQueryParams: number;
}

function refuse(status: number, type: string, detail: string): HttpException {
  return new HttpException(problem(status, detail, { type }), status);
}

/**
 * What Node's parser lets through but a gateway should not: over-long URLs (414), too many header fields
 * (431), too many query parameters (400), an HTTP/1.1 request without Host, or framing another server
 * could read differently (two Hosts, a Transfer-Encoding other than `chunked`: 400 and the connection
 * closed, on every route, declared or controller). Runs first in
 * `onRequest`, before authentication, routing work or any body is read; the refusal is problem+json
 * through the exception filter like every other error.
 */
export function installRequestLimits(fastify: FastifyInstance, limits: RequestLimits): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    const url = raw.url ?? '';
    if (url.length > limits.maxUrlLength) {
      done(refuse(414, 'url-too-long', `The request URL is longer than ${limits.maxUrlLength} characters.`));
      return;
    }
    if (raw.rawHeaders.length / 2 > limits.maxHeaders) {
      done(refuse(431, 'too-many-headers', `The request has more than ${limits.maxHeaders} header fields.`));
      return;
    }
    const query = url.indexOf('?');
    if (
      query !== -1 &&
      countQueryParams(url.slice(query + 1), limits.maxQueryParams + 1) > limits.maxQueryParams
    ) {
      done(
        refuse(
          400,
          'too-many-query-parameters',
          `The query has more than ${limits.maxQueryParams} parameters.`,
        ),
      );
      return;
    }
    if (raw.httpVersion === '1.1' && raw.headers.host === undefined) {
      done(refuse(400, 'missing-host', 'An HTTP/1.1 request must carry a Host header.'));
      return;
    }
    const framing = framingProblem(raw.rawHeaders);
    if (framing) {
      // Where this request's body ends is in doubt, so nothing after it on this connection can be trusted.
      reply.header('connection', 'close');
      done(refuse(400, framing.type, framing.detail));
      return;
    }
    done();
  });
}

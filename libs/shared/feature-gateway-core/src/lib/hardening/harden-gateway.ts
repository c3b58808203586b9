import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { problem } from '@concierge/shared/util-http';
import type { GatewayEnvironment } from '../config/gateway-environment';
import { corsOptions } from './cors.options';
import { installDotSegmentParamsCheck } from './dot-segment-params.hook';
import { installDeferredBodies, type BodyParser } from './deferred-body';
import { installExpectContinue } from './expect-continue';
import { installRouteMethods } from '../errors/route-methods';
import { hardenedJsonParser } from './json-body.parser';
import { cappedQueryStringParser, countQueryParams } from './query-string.parser';
import { installPublicHosts, parsePublicHosts } from './public-hosts.hook';
import { installRequestLimits } from './request-limits.hook';
import { installSecurityHeaders } from './security-headers.hook';
import { hardenServer } from './server.options';

/**
 * Everything a gateway refuses or adds on every request, in the order it must run: security headers and
 * CORS first (so refusals carry them too), then the request limits, then `Expect` and the hardened body
 * parsers, which read a body only once the guards have let its request through (`ReadBodyInterceptor`).
 * Called by `createGateway` before the app's own plugins and routes.
 */
export async function hardenGateway(app: NestFastifyApplication, config: GatewayEnvironment): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  hardenServer(fastify.server, config);
  // Before any route is registered: every route of every kind is known for 405s and collisions.
  installRouteMethods(fastify);
  installSecurityHeaders(fastify, { hstsMaxAgeSec: config.HSTS_MAX_AGE_SEC });
  const cors = corsOptions({
    origins: config.CORS_ORIGINS,
    credentials: config.CORS_CREDENTIALS,
    maxAgeSec: config.CORS_MAX_AGE_SEC,
  });
  if (cors) await app.register(fastifyCors, cors);
  installRequestLimits(fastify, {
    maxUrlLength: config.MAX_URL_LENGTH,
    maxHeaders: config.MAX_HEADERS,
    maxQueryParams: config.MAX_QUERY_PARAMS,
  });
  installDotSegmentParamsCheck(fastify);
  installPublicHosts(fastify, parsePublicHosts(config.PUBLIC_HOSTS));

  installExpectContinue(fastify, fastify.server);
  installDeferredBodies(fastify, {
    'application/json': hardenedJsonParser(fastify, config.MAX_JSON_DEPTH, config.MAX_JSON_KEYS),
    'application/x-www-form-urlencoded': cappedFormParser(config.MAX_QUERY_PARAMS),
    // As Fastify's default did: the text as a string (a JSON route's validation then refuses it).
    'text/plain': (_request, body, done) => done(null, body.toString('utf8')),
  });
}

/** `application/x-www-form-urlencoded`, with no more fields than a query may have parameters. */
function cappedFormParser(maxFields: number): BodyParser {
  const parseForm = cappedQueryStringParser(maxFields);
  return (_request, body, done) => {
    const text = body.toString('utf8');
    if (countQueryParams(text, maxFields + 1) > maxFields) {
      const detail = `The form has more than ${maxFields} fields.`;
      done(new HttpException(problem(400, detail, { type: 'too-many-form-fields' }), 400));
    } else {
      done(null, parseForm(text));
    }
  };
}

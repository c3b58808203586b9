import { requestIdFrom } from '@concierge/shared/util-http';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { chaosPlugin } from '../chaos/chaos.plugin';
import { sendProblem, sendValidationProblem } from './problem.reply';

export interface ServiceAppOptions {
  service: string;
  logLevel: string;
}

/** Gateways pool sockets for up to 60 s; outliving them means a pooled socket is never cut mid-request. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * One Fastify instance for one demo service, with what every service shares: request ids, problem+json
 * for every error (404s included), an empty-body-tolerant JSON parser, and fault injection.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // stderr keeps stdout for the single "listening" line that callers parse.
    logger: { level: options.logLevel, stream: process.stderr },
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    requestIdHeader: false,
    // Strict bodies: "2" is not a quantity and an unknown field is an error, not something to drop silently.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  // A DELETE or POST sent with `content-type: application/json` and no body is common from HTTP clients.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    jsonParser(request, body as string, done);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(chaosPlugin, { service: options.service });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, `No route ${request.method} ${request.url.split('?')[0]}`),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendValidationProblem(
        request,
        reply,
        error.validation.map((v) => {
          const params = v.params as { missingProperty?: string; additionalProperty?: string } | undefined;
          const named = params?.missingProperty ?? params?.additionalProperty;
          const path = `${v.instancePath}${named ? `/${named}` : ''}`;
          return { field: `${error.validationContext ?? ''}${path}`, message: v.message ?? 'is invalid' };
        }),
      );
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, status, 'The service failed to handle the request.');
    }
    return sendProblem(request, reply, status, error.message);
  });

  return app;
}

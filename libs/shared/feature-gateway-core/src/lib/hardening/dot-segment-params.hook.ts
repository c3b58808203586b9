import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { problem } from '@concierge/shared/util-http';

/**
 * A route parameter that decodes to `.` or `..` (`/api/products/%2e%2e`) is refused with 400 before any
 * handler runs: put into an upstream path it would be a dot segment the service resolves. The service
 * clients refuse to build such a path too (`pathSegment`); this is the edge's lock, for every route.
 */
export function installDotSegmentParamsCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const params = request.params as Record<string, unknown> | undefined;
    if (params) {
      for (const name in params) {
        const value = params[name];
        if (value === '.' || value === '..') {
          done(
            new HttpException(
              problem(400, 'A path parameter may not be "." or "..".', { type: 'bad-path' }),
              400,
            ),
          );
          return;
        }
      }
    }
    done();
  });
}

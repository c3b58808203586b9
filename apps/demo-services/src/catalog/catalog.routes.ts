import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../common/problem.reply';
import { parseIdList, parseIntParam } from '../common/query';
import type { CatalogStore } from './catalog.store';
import { ifNoneMatchHits, strongEtag } from './etag';

export interface CatalogDeps {
  catalog: CatalogStore;
  recommendations: Map<string, string[]>;
}

const PUBLIC_CACHE = 'public, max-age=60';

/** Public product data: cacheable by shared caches for a minute, with a strong ETag for revalidation. */
function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  etag = strongEtag(json),
): FastifyReply {
  reply.header('cache-control', PUBLIC_CACHE).header('etag', etag);
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

function badParam(request: FastifyRequest, reply: FastifyReply, name: string, rule: string): FastifyReply {
  return sendProblem(request, reply, 400, `${name}: ${rule}`, {
    type: 'validation-failed',
    errors: [{ field: `querystring/${name}`, message: rule }],
  });
}

type ProductsQuery = { ids?: string; category?: string; q?: string; offset?: string; limit?: string };

export async function catalogRoutes(
  app: FastifyInstance,
  { catalog, recommendations }: CatalogDeps,
): Promise<void> {
  /** `?ids=` is a batch lookup (an array); otherwise a search page. */
  app.get<{ Querystring: ProductsQuery }>('/products', async (request, reply) => {
    const ids = parseIdList(request.query.ids);
    if (ids) return sendCacheable(request, reply, JSON.stringify(catalog.many(ids)));
    const offset = parseIntParam(request.query.offset, 0, 0, 100_000);
    if (offset === null) return badParam(request, reply, 'offset', 'must be an integer from 0');
    const limit = parseIntParam(request.query.limit, 20, 1, 100);
    if (limit === null) return badParam(request, reply, 'limit', 'must be an integer from 1 to 100');
    const { category, q } = request.query;
    return sendCacheable(
      request,
      reply,
      JSON.stringify(catalog.search({ category: category || undefined, q, offset, limit })),
    );
  });

  app.get<{ Params: { id: string } }>('/products/:id', async (request, reply) => {
    const entry = catalog.get(request.params.id);
    if (!entry) return sendProblem(request, reply, 404, `No product ${request.params.id}`);
    return sendCacheable(request, reply, entry.json, entry.etag);
  });

  app.get<{ Params: { id: string }; Querystring: { limit?: string } }>(
    '/products/:id/related',
    async (request, reply) => {
      const limit = parseIntParam(request.query.limit, 6, 1, 50);
      if (limit === null) return badParam(request, reply, 'limit', 'must be an integer from 1 to 50');
      const related = catalog.related(request.params.id, limit);
      if (!related) return sendProblem(request, reply, 404, `No product ${request.params.id}`);
      return sendCacheable(request, reply, JSON.stringify(related));
    },
  );

  // Stock moves all the time: never cached.
  app.get<{ Params: { id: string } }>('/products/:id/stock', async (request, reply) => {
    const level = catalog.stockOf(request.params.id);
    if (!level) return sendProblem(request, reply, 404, `No product ${request.params.id}`);
    reply.header('cache-control', 'no-store');
    return level;
  });

  app.get<{ Querystring: { ids?: string } }>('/stock', async (request, reply) => {
    const ids = parseIdList(request.query.ids);
    if (!ids) return badParam(request, reply, 'ids', 'a comma-separated list of product ids is required');
    reply.header('cache-control', 'no-store');
    return catalog.stockOfMany(ids);
  });

  app.get('/categories', async (request, reply) =>
    sendCacheable(request, reply, JSON.stringify(catalog.categories)),
  );

  // Personal, so private to the caller.
  app.get<{ Querystring: { userId?: string; limit?: string } }>(
    '/recommendations',
    async (request, reply) => {
      const { userId } = request.query;
      if (!userId) return badParam(request, reply, 'userId', 'is required');
      const limit = parseIntParam(request.query.limit, 10, 1, 24);
      if (limit === null) return badParam(request, reply, 'limit', 'must be an integer from 1 to 24');
      const productIds = recommendations.get(userId);
      if (!productIds) return sendProblem(request, reply, 404, `No user ${userId}`);
      reply.header('cache-control', 'private, max-age=60');
      return { userId, productIds: productIds.slice(0, limit) };
    },
  );
}

import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/reply-from';
import type { Dispatcher } from 'undici';
import { problem, responseHeadersOf, type ProblemDetails } from '@concierge/shared/util-http';
import { currentRequestContext, propagatedHeaders } from '@concierge/shared/util-request-context';
import { BodyTooLargeError, limitedBody, readLimited } from './body-limit';
import type { CompiledRoute } from './compiled-route';
import type { BufferedResponse, RouteAuthenticate, RouteCache, RouteRateLimiter } from './declarative-routes.options';
import { normalizePath } from './path-normalizer';
import { sendError, sendProblem } from './problem-reply';
import { downstreamResponseHeaders, framingProblem, upstreamRequestHeaders } from './proxy-headers';
import { transformQuery } from './request-transforms';
import { hasBodyTransforms, transformBody } from './response-transforms';
import { upstreamFailure, upstreamServerError, upstreamTimeout } from './upstream-errors';
import { clientProblemOf, isUpstreamProblem, MAX_UPSTREAM_PROBLEM_BYTES } from './upstream-problem';
import { buildUpstreamPath, extractParameters } from './upstream-path';

/** What every route handler shares. */
export interface RouteHandlerDeps {
  agent: Dispatcher;
  via: string;
  defaultTimeoutMs: number;
  defaultBodyLimitBytes: number;
  maxBufferedResponseBytes: number;
  authenticate?: RouteAuthenticate;
  rateLimiter?: RouteRateLimiter;
  cache?: RouteCache;
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** A refusal decided before anything went upstream. */
class Refusal extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The Fastify handler of one declared route: framing and path checks, authentication, rate limit, then
 * either a streamed pass-through (`@fastify/reply-from` over a keep-alive undici pool, nothing buffered)
 * or, for JSON body transforms and cached routes, a buffered call within the route's limits.
 */
export function createRouteHandler(route: CompiledRoute, deps: RouteHandlerDeps): Handler {
  const service = route.service ?? 'upstream';
  const upstreamHost = new URL(route.origin).host;
  const timeout = route.timeoutMs ?? deps.defaultTimeoutMs;
  const bodyLimit = route.bodyLimitBytes ?? deps.defaultBodyLimitBytes;
  const shapesBody = hasBodyTransforms(route.transforms.response);
  const { authenticate, rateLimiter } = deps;
  const cache = route.cache?.enabled ? deps.cache : undefined;
  const rateLimit = rateLimiter?.compile(route.rateLimit);
  const bodyRules = route.transforms.response?.body;
  const requestTransforms = route.transforms.request;
  const responseTransforms = route.transforms.response;

  return async function handle(request, reply) {
    const hasBody = request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    try {
      const framing = framingProblem(request.raw.rawHeaders);
      if (framing) throw new Refusal(problem(400, framing));
      const url = request.raw.url ?? '/';
      const q = url.indexOf('?');
      const path = normalizePath(q === -1 ? url : url.slice(0, q));
      if (!path.ok) throw new Refusal(problem(400, `The request path is refused: ${path.reason}.`, { type: 'bad-path' }));
      const params = extractParameters(route.segments, path.segments);
      if (!params) throw new Refusal(problem(400, 'The request path does not fit this route.', { type: 'bad-path' }));
      const announced = Number(request.headers['content-length'] ?? 0);
      if (announced > bodyLimit) throw new Refusal(problem(413, 'The request body is larger than this route accepts.'));

      if (route.auth.kind !== 'public') {
        if (!authenticate) throw new Error(`route ${route.id} requires authentication but has no authenticator`);
        await authenticate(request.headers, route.auth);
      }
      if (rateLimiter && rateLimit !== undefined) {
        const verdict = await rateLimiter.check(
          { bucket: route.id, identity: currentRequestContext()?.identity ?? {}, remoteAddress: request.raw.socket.remoteAddress, headers: request.headers },
          rateLimit,
        );
        reply.headers(verdict.headers);
        if (verdict.rejection) throw new Refusal(verdict.rejection, responseHeadersOf(verdict.rejection));
      }

      const target = route.origin + buildUpstreamPath(route.basePath, route.rewrite, params, path.trailingSlash);
      const query = transformQuery(q === -1 ? '' : url.slice(q + 1), requestTransforms?.query);
      const headers = upstreamRequestHeaders(
        request.headers,
        { clientIp: request.ip, proto: request.protocol, host: request.headers.host, upstreamHost, via: deps.via },
        propagatedHeaders(),
        requestTransforms?.headers,
      );
      let body = request.body as Readable | undefined;
      if (body && request.headers['content-length'] === undefined) body = limitedBody(body, bodyLimit);

      if (cache && (request.method === 'GET' || request.method === 'HEAD')) {
        const response = await cache.handle(
          { method: request.method, url, headers: request.headers },
          (extra) => fetchBuffered(request.method, target, query, { ...headers, ...extra }, undefined),
          { perPrincipal: route.cache?.perPrincipal ?? false, route: route.id },
        );
        return reply.code(response.status).headers(response.headers).send(request.method === 'HEAD' ? undefined : response.body);
      }
      if (shapesBody) {
        headers['accept-encoding'] = 'identity';
        const response = await fetchBuffered(request.method, target, query, headers, body);
        if (cache) await invalidate(cache, request, response);
        return reply.code(response.status).headers(response.headers).send(response.body);
      }
      return streamThrough(request, reply, target, query, headers, body);
    } catch (error) {
      if (hasBody && !request.raw.complete) reply.header('connection', 'close');
      if (error instanceof Refusal) return sendProblem(request, reply, error.problem, error.headers);
      if (error instanceof BodyTooLargeError) return sendProblem(request, reply, problem(413, 'The request body is larger than this route accepts.'));
      return sendError(request, reply, error);
    }
  };

  function streamThrough(
    request: FastifyRequest,
    reply: FastifyReply,
    target: string,
    query: string,
    headers: Record<string, string | string[]>,
    body: Readable | undefined,
  ): FastifyReply {
    let forwarded: string[] = [];
    let bodyTooLarge = false;
    let settled = false;
    if (body) {
      body.once('error', (error) => (bodyTooLarge = error instanceof BodyTooLargeError));
      request.body = body;
    }
    // undici's own header timeout ticks coarsely (about a second); the route's deadline is kept here.
    const deadline = setTimeout(() => {
      if (settled || reply.sent) return;
      settled = true;
      if (request.body && !request.raw.complete) reply.header('connection', 'close');
      sendProblem(request, reply, upstreamTimeout(service));
    }, timeout);
    return reply.from(target, {
      queryString: () => query,
      timeout,
      rewriteRequestHeaders: () => headers,
      rewriteHeaders: (upstream) => {
        const out = downstreamResponseHeaders(upstream as Record<string, string | string[] | undefined>, deps.via, responseTransforms?.headers);
        if (!settled) forwarded = Object.keys(out);
        return settled ? {} : out;
      },
      onResponse: (_request, _reply, res) => {
        clearTimeout(deadline);
        if (settled) {
          discard(res.stream);
          return;
        }
        settled = true;
        if (res.statusCode >= 500) {
          discard(res.stream);
          for (const name of forwarded) reply.removeHeader(name);
          sendProblem(request, reply, upstreamServerError(service));
          return;
        }
        const upstreamHeaders = (res as unknown as { headers: Record<string, string> }).headers;
        if (isUpstreamProblem(res.statusCode, upstreamHeaders)) {
          // Its `instance` is the upstream's own path: the client gets the problem with its own path.
          const status = res.statusCode;
          readLimited(res.stream, MAX_UPSTREAM_PROBLEM_BYTES)
            .catch(() => (res.stream.destroy(), Buffer.alloc(0)))
            .then((payload) => {
              for (const name of ['content-length', 'content-encoding', 'etag', 'last-modified']) reply.removeHeader(name);
              sendProblem(request, reply, clientProblemOf(payload, upstreamHeaders['content-encoding'], status, service));
            });
          return;
        }
        if (cache) {
          invalidate(cache, request, { status: res.statusCode, headers: upstreamHeaders }).then(() => reply.send(res.stream));
          return;
        }
        reply.send(res.stream);
      },
      onError: (_reply, { error }) => {
        clearTimeout(deadline);
        if (settled) return;
        settled = true;
        if (request.body && !request.raw.complete) reply.header('connection', 'close');
        const failure = bodyTooLarge ? problem(413, 'The request body is larger than this route accepts.') : upstreamFailure(error, service);
        if (failure.status >= 500) request.log.warn({ err: error, upstream: route.origin }, 'upstream call failed');
        sendProblem(request, reply, failure);
      },
    });
  }

  /** RFC 9111 §4.4: an unsafe method that succeeded makes what is stored for the URL stale. */
  async function invalidate(cache: RouteCache, request: FastifyRequest, response: Pick<BufferedResponse, 'status' | 'headers'>): Promise<void> {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    try {
      await cache.invalidateAfter({ method: request.method, url: request.raw.url ?? '/', headers: request.headers }, response);
    } catch (error) {
      request.log.warn({ err: error }, 'cache invalidation failed');
    }
  }

  async function fetchBuffered(
    method: string,
    target: string,
    query: string,
    headers: Record<string, string | string[]>,
    body: Readable | undefined,
  ): Promise<BufferedResponse> {
    const url = new URL(target);
    let response: Dispatcher.ResponseData;
    try {
      response = await deps.agent.request({
        origin: url.origin,
        path: url.pathname + (query ? `?${query}` : ''),
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body ?? null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      if (error instanceof BodyTooLargeError || (error as { cause?: unknown }).cause instanceof BodyTooLargeError) throw new BodyTooLargeError(bodyLimit);
      throw new Refusal(upstreamFailure(error, service));
    }
    if (response.statusCode >= 500) {
      discard(response.body);
      throw new Refusal(upstreamServerError(service));
    }
    let payload: Buffer = Buffer.alloc(0);
    try {
      // A 304 has no body whatever its Content-Length says of the representation (RFC 9110 §8.6); undici
      // reports the bytes that never come as an error, which would turn a revalidation into a 502.
      if (response.statusCode === 304) discard(response.body);
      else payload = await readLimited(response.body, deps.maxBufferedResponseBytes);
    } catch (error) {
      response.body.destroy();
      throw new Refusal(error instanceof BodyTooLargeError ? problem(502, `The ${service} service answered with more than this route can shape.`) : upstreamFailure(error, service));
    }
    if (isUpstreamProblem(response.statusCode, response.headers)) {
      const retryAfter = response.headers['retry-after'];
      throw new Refusal(
        clientProblemOf(payload, response.headers['content-encoding'], response.statusCode, service),
        typeof retryAfter === 'string' ? { 'retry-after': retryAfter } : {},
      );
    }
    const out = downstreamResponseHeaders(response.headers, deps.via, responseTransforms?.headers);
    const contentType = String(response.headers['content-type'] ?? '');
    if (bodyRules && response.statusCode < 300 && payload.length > 0 && JSON_TYPE.test(contentType)) {
      const encoding = response.headers['content-encoding'];
      let parsed: unknown;
      try {
        if (encoding && encoding !== 'identity') throw new Error('encoded');
        parsed = JSON.parse(payload.toString('utf8'));
      } catch {
        throw new Refusal(problem(502, `The ${service} service answered with JSON this route cannot shape.`));
      }
      payload = Buffer.from(JSON.stringify(transformBody(parsed, bodyRules)));
      delete out['etag'];
      delete out['content-md5'];
    }
    delete out['content-length'];
    return { status: response.statusCode, headers: out, body: payload };
  }
}

function discard(stream: Readable & { dump?: () => Promise<void> }): void {
  if (typeof stream.dump === 'function') stream.dump().catch(() => undefined);
  else stream.destroy();
}

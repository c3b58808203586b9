import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import {
  CallCancelledError,
  failureCodeOf,
  mapUpstreamError,
  passThroughProblem,
  UpstreamStatusError,
  type Upstream,
} from '@concierge/shared/data-access-service-clients';
import { problem, responseHeadersOf, type ProblemDetails } from '@concierge/shared/util-http';
import { propagatedHeaders, requestContextFor } from '@concierge/shared/util-request-context';
import { BodyTooLargeError, limitedBody, readLimited } from './body-limit';
import type { CompiledRoute } from './compiled-route';
import type {
  BufferedResponse,
  RouteAuthenticate,
  RouteCache,
  RouteRateLimiter,
} from './declarative-routes.options';
import { normalizePath } from './path-normalizer';
import { sendError, sendProblem } from './problem-reply';
import { downstreamResponseHeaders, framingProblem, upstreamRequestHeaders } from './proxy-headers';
import { transformQuery } from './request-transforms';
import { hasBodyTransforms, transformBody } from './response-transforms';
import { transportErrorOf } from './upstream-errors';
import { clientProblemOf, isUpstreamProblem, MAX_UPSTREAM_PROBLEM_BYTES } from './upstream-problem';
import { buildUpstreamPath, extractParameters } from './upstream-path';

/** nginx's "client closed request", for the metrics and the access log: nobody reads the answer. */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * Worth a log line: the call itself failed. The gateway's own refusals (an open breaker, a full bulkhead)
 * are not, or an open breaker would write a line per request; its opening is logged once, by the registry.
 * An upstream's 5xx is in its own logs.
 */
function isFailureOfThisCall(error: unknown): boolean {
  if (error instanceof UpstreamStatusError) return false;
  const code = failureCodeOf(transportErrorOf(error));
  return code !== 'circuit-open' && code !== 'bulkhead-full';
}

/** What every route handler shares. */
export interface RouteHandlerDeps {
  agent: Dispatcher;
  /** The upstream's one breaker, bulkhead and deadline, shared with the service clients. */
  upstreamOf(route: CompiledRoute): Upstream;
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
 * The Fastify handler of one declared route, a chain of steps compiled once for the route: framing and
 * path checks, then only the steps the route declares (authentication, rate limit, cache), then the
 * upstream call — a streamed pass-through (`@fastify/reply-from` over a keep-alive undici pool, nothing
 * buffered) or, for JSON body transforms and cached routes, a buffered call within the route's limits.
 *
 * Why a step chain and not Nest's guard/interceptor stack: a declared route is the hot path, and Nest
 * builds an execution context and an rxjs pipeline per request for every guard and interceptor whether
 * the route uses it or not; here a step the route does not ask for is not on its path. What each step
 * does is not re-implemented: authentication is feature-auth's `Authenticator`, the limit is
 * feature-rate-limit's `RateLimiter` with the controllers' bucket keys, the cache is feature-cache's
 * `ResponseCache`, and the upstream call runs under the service clients' `UpstreamPolicy` of that
 * upstream (the one breaker, bulkhead and deadline the controllers' calls share), its failures
 * classified and worded by the service clients' `mapUpstreamError` / `passThroughProblem`, and rendered
 * by the same problem document the exception filter writes.
 */
export function createRouteHandler(route: CompiledRoute, deps: RouteHandlerDeps): Handler {
  const upstream = deps.upstreamOf(route);
  const service = upstream.settings.name;
  const passErrors = route.upstreamErrors === 'pass';
  const { host: upstreamHost, origin: upstreamOrigin } = new URL(route.origin);
  const timeout = route.timeoutMs ?? deps.defaultTimeoutMs;
  const bodyLimit = route.bodyLimitBytes ?? deps.defaultBodyLimitBytes;
  const shapesBody = hasBodyTransforms(route.transforms.response);
  const { authenticate, rateLimiter } = deps;
  const cache = route.cache?.enabled ? deps.cache : undefined;
  const rateLimit = rateLimiter?.compile(route.rateLimit, route.id);
  const bodyRules = route.transforms.response?.body;
  const requestTransforms = route.transforms.request;
  const responseTransforms = route.transforms.response;
  /** A cached route's `Cache-Status` member for a method the cache forwards as it is (RFC 9211 `fwd=method`). */
  const methodMember = cache
    ? (fwdStatus?: number) => cache.cacheStatus({ fwd: 'method', fwdStatus })
    : undefined;

  return async function handle(request, reply) {
    const hasBody =
      request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    // Once the request is on its way upstream through a cached route, what answers a failure there names
    // the cache's part in it (Cache-Status); refusals before that (401, 429, a bad path) never met the cache.
    let failureMember: ((error: unknown) => string | undefined) | undefined;
    const context = requestContextFor(request);
    try {
      const framing = framingProblem(request.raw.rawHeaders);
      if (framing) throw new Refusal(problem(400, framing));
      const url = request.raw.url ?? '/';
      const q = url.indexOf('?');
      const path = normalizePath(q === -1 ? url : url.slice(0, q));
      if (!path.ok)
        throw new Refusal(problem(400, `The request path is refused: ${path.reason}.`, { type: 'bad-path' }));
      const params = extractParameters(route.segments, path.segments);
      if (!params)
        throw new Refusal(problem(400, 'The request path does not fit this route.', { type: 'bad-path' }));
      const announced = Number(request.headers['content-length'] ?? 0);
      if (announced > bodyLimit)
        throw new Refusal(problem(413, 'The request body is larger than this route accepts.'));

      if (route.auth.kind !== 'public') {
        if (!authenticate)
          throw new Error(`route ${route.id} requires authentication but has no authenticator`);
        await authenticate(request.headers, route.auth, context);
      }
      if (rateLimiter && rateLimit !== undefined) {
        const verdict = await rateLimiter.check(
          {
            bucket: route.id,
            identity: context.identity,
            remoteAddress: request.raw.socket.remoteAddress,
            headers: request.headers,
          },
          rateLimit,
        );
        reply.headers(verdict.headers);
        if (verdict.rejection) throw new Refusal(verdict.rejection, responseHeadersOf(verdict.rejection));
      }

      const query = transformQuery(q === -1 ? '' : url.slice(q + 1), requestTransforms?.query);
      const target =
        buildUpstreamPath(route.basePath, route.rewrite, params, path.trailingSlash) +
        (query ? `?${query}` : '');
      const headers = upstreamRequestHeaders(
        request.headers,
        {
          clientIp: request.ip,
          proto: request.protocol,
          host: request.headers.host,
          upstreamHost,
          via: deps.via,
          relayToken: route.relayToken,
        },
        propagatedHeaders(context),
        requestTransforms?.headers,
      );
      // A client that left while it was authenticated or rate-limited (a Redis round trip) gets no call.
      if (reply.raw.destroyed) return reply.code(CLIENT_CLOSED_REQUEST).send();
      let body = request.body as Readable | undefined;
      if (body && request.headers['content-length'] === undefined) body = limitedBody(body, bodyLimit);

      if (cache && (request.method === 'GET' || request.method === 'HEAD')) {
        failureMember = (error) => cache.statusOfFailure(error);
        const response = await cache.handle(
          { method: request.method, url, headers: request.headers, identity: context.identity },
          (extra) => fetchBuffered(request.method, target, { ...headers, ...extra }, undefined),
          { perPrincipal: route.cache?.perPrincipal ?? false, route: route.id },
        );
        return sendBuffered(request, reply, response);
      }
      if (shapesBody) {
        headers['accept-encoding'] = 'identity';
        failureMember = methodMember && (() => methodMember());
        let response = await fetchBuffered(request.method, target, headers, body);
        if (cache && methodMember) {
          await invalidate(cache, request, response);
          const cacheStatus = afterUpstreamMembers(
            response.headers['cache-status'],
            methodMember(response.status),
          );
          response = { ...response, headers: { ...response.headers, 'cache-status': cacheStatus } };
        }
        return sendBuffered(request, reply, response);
      }
      return streamThrough(request, reply, target, headers, body);
    } catch (error) {
      if (hasBody && !request.raw.complete) reply.header('connection', 'close');
      const member = failureMember?.(error);
      if (member) reply.header('cache-status', member);
      if (error instanceof Refusal) return sendProblem(request, reply, error.problem, error.headers);
      if (error instanceof BodyTooLargeError)
        return sendProblem(
          request,
          reply,
          problem(413, 'The request body is larger than this route accepts.'),
        );
      return sendError(request, reply, error);
    }
  };

  /**
   * A buffered upstream answer as the client gets it: an upstream error (a 5xx unless the route passes
   * errors, or any problem document) becomes the gateway's problem+json with the upstream's status and
   * `Retry-After`, and keeps the cache's `Cache-Status` member; anything else is sent as it is.
   */
  function sendBuffered(
    request: FastifyRequest,
    reply: FastifyReply,
    response: BufferedResponse,
  ): FastifyReply {
    const { status, headers } = response;
    const rendered =
      status >= 500
        ? passErrors
          ? undefined
          : passThroughProblem(service, status, undefined)
        : isUpstreamProblem(status, headers)
          ? clientProblemOf(response.body, headers['content-encoding'], status, service)
          : undefined;
    if (!rendered)
      return reply
        .code(status)
        .headers(headers)
        .send(request.method === 'HEAD' ? undefined : response.body);
    const kept: Record<string, string> = {};
    for (const name of ['retry-after', 'cache-status']) {
      const value = headers[name];
      if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return sendProblem(request, reply, rendered, kept);
  }

  /** What the client is told when the upstream call failed (one wording for controllers and routes). */
  function failureOf(error: unknown): { problem: ProblemDetails; headers: Record<string, string> } {
    if (error instanceof UpstreamStatusError) {
      // The upstream's status survives (a 503 stays a 503, with its Retry-After); its words do not.
      const retryAfter = error.response.headers['retry-after'];
      return {
        problem: passThroughProblem(service, error.response.status, undefined),
        headers: typeof retryAfter === 'string' ? { 'retry-after': retryAfter } : {},
      };
    }
    const mapped = mapUpstreamError(transportErrorOf(error), {
      service,
      retryAfterSeconds: () => upstream.policy.retryAfterSeconds(),
    }).getResponse() as ProblemDetails;
    return { problem: mapped, headers: responseHeadersOf(mapped) ?? {} };
  }

  /**
   * The pass-through: the upstream's answer streamed to the client as it arrives, nothing buffered, over the
   * upstream's keep-alive undici pool. Undici is called directly: `@fastify/reply-from` (which this
   * replaced) copied the headers twice more, parsed the target URL and ran its retry wrapper on every
   * request, and kept an upstream request going after the client had left.
   */
  function streamThrough(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    headers: Record<string, string | string[]>,
    body: Readable | undefined,
  ): Promise<FastifyReply> {
    let bodyTooLarge = false;
    body?.once('error', (error) => (bodyTooLarge = error instanceof BodyTooLargeError));
    // A 5xx keeps its answer unread: the route may pass its body on as it comes.
    const run = callUpstream(request.method, path, headers, body, async (answer) => answer);
    // A client that hangs up first gives the call up (the upstream request is aborted): it would otherwise
    // wait out its deadline and count against the upstream, and a few impatient clients would open the
    // breaker for everyone. A cancelled call counts for nothing and frees its slot at once.
    reply.raw.once('close', run.cancel);
    /** The status and headers of the upstream's answer, then the cache's member after the upstream's own. */
    const answerWith = (res: Dispatcher.ResponseData): FastifyReply => {
      reply
        .code(res.statusCode)
        .headers(downstreamResponseHeaders(res.headers, deps.via, responseTransforms?.headers));
      if (methodMember)
        reply.header(
          'cache-status',
          afterUpstreamMembers(reply.getHeader('cache-status'), methodMember(res.statusCode)),
        );
      return reply;
    };
    return run.result.then(
      (res) => {
        if (isUpstreamProblem(res.statusCode, res.headers)) {
          // Its `instance` is the upstream's own path: the client gets the problem with its own path, and the
          // upstream's other headers (Retry-After…) but those of the body it no longer gets.
          const status = res.statusCode;
          answerWith(res);
          for (const name of ['content-length', 'content-encoding', 'etag', 'last-modified'])
            reply.removeHeader(name);
          return readLimited(res.body, MAX_UPSTREAM_PROBLEM_BYTES)
            .catch(() => (res.body.destroy(), Buffer.alloc(0)))
            .then((payload) =>
              sendProblem(
                request,
                reply,
                clientProblemOf(payload, plainHeaders(res.headers)['content-encoding'], status, service),
              ),
            );
        }
        if (cache)
          return invalidate(cache, request, {
            status: res.statusCode,
            headers: plainHeaders(res.headers),
          }).then(() => answerWith(res).send(res.body));
        return answerWith(res).send(res.body);
      },
      (error: unknown) => {
        if (error instanceof CallCancelledError) return reply.code(CLIENT_CLOSED_REQUEST).send();
        if (body && !request.raw.complete) reply.header('connection', 'close');
        if (error instanceof UpstreamStatusError) {
          const res = error.response.data as Dispatcher.ResponseData;
          if (passErrors) return answerWith(res).send(res.body);
          discard(res.body);
        }
        if (methodMember)
          reply.header(
            'cache-status',
            methodMember(error instanceof UpstreamStatusError ? error.response.status : undefined),
          );
        if (error instanceof BodyTooLargeError || bodyTooLarge || causedByTooLargeBody(error)) {
          return sendProblem(
            request,
            reply,
            problem(413, 'The request body is larger than this route accepts.'),
          );
        }
        const failure = failureOf(error);
        if (failure.problem.status >= 500 && isFailureOfThisCall(error)) {
          request.log.warn({ err: error, upstream: route.origin }, 'upstream call failed');
        }
        return sendProblem(request, reply, failure.problem, failure.headers);
      },
    );
  }

  /**
   * One call to the upstream through its keep-alive pool, under its policy: an open breaker or a full
   * bulkhead answers at once and nothing is sent; the deadline holds wherever the call is (queued,
   * connecting, waiting for headers). A 5xx fails the call, a failure for the breaker whether or not the
   * route passes it on, carrying what `keepOfServerError` keeps of the answer.
   */
  function callUpstream(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body: Readable | undefined,
    keepOfServerError: (answer: Dispatcher.ResponseData) => Promise<unknown>,
  ) {
    return upstream.policy.execute(
      async (signal) => {
        const answer = await deps.agent.request({
          origin: upstreamOrigin,
          path,
          method: method as Dispatcher.HttpMethod,
          headers,
          body: body ?? null,
          headersTimeout: timeout,
          bodyTimeout: timeout,
          signal,
        });
        if (answer.statusCode >= 500)
          throw new UpstreamStatusError({
            status: answer.statusCode,
            headers: plainHeaders(answer.headers),
            data: await keepOfServerError(answer),
          });
        return answer;
      },
      { idempotent: false, deadline: Date.now() + timeout },
    );
  }

  /** RFC 9111 §4.4: an unsafe method that succeeded makes what is stored for the URL stale. */
  async function invalidate(
    cache: RouteCache,
    request: FastifyRequest,
    response: Pick<BufferedResponse, 'status' | 'headers'>,
  ): Promise<void> {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    try {
      await cache.invalidateAfter(
        {
          method: request.method,
          url: request.raw.url ?? '/',
          headers: request.headers,
          identity: requestContextFor(request).identity,
        },
        response,
      );
    } catch (error) {
      request.log.warn({ err: error }, 'cache invalidation failed');
    }
  }

  async function fetchBuffered(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body: Readable | undefined,
  ): Promise<BufferedResponse> {
    // A 5xx keeps its body only when the route passes it on, read within the problem limit.
    const run = callUpstream(method, path, headers, body, async (answer) => {
      const payload = passErrors
        ? await readLimited(answer.body, MAX_UPSTREAM_PROBLEM_BYTES).catch(() => Buffer.alloc(0))
        : undefined;
      if (!payload) discard(answer.body);
      return payload;
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await run.result;
    } catch (error) {
      if (error instanceof BodyTooLargeError || causedByTooLargeBody(error))
        throw new BodyTooLargeError(bodyLimit);
      // The upstream answered, with an error: an answer for the cache (stale-if-error, Cache-Status) and
      // for `sendBuffered` to render (its body was only read if the route passes it on).
      if (error instanceof UpstreamStatusError) {
        const out = downstreamResponseHeaders(error.response.headers, deps.via, responseTransforms?.headers);
        delete out['content-length'];
        return {
          status: error.response.status,
          headers: out,
          body: (error.response.data as Buffer | undefined) ?? Buffer.alloc(0),
        };
      }
      const failure = failureOf(error);
      throw new Refusal(failure.problem, failure.headers);
    }
    let payload: Buffer = Buffer.alloc(0);
    try {
      // A 304 has no body whatever its Content-Length says of the representation (RFC 9110 §8.6); undici
      // reports the bytes that never come as an error, which would turn a revalidation into a 502.
      if (response.statusCode === 304) discard(response.body);
      else payload = await readLimited(response.body, deps.maxBufferedResponseBytes);
    } catch (error) {
      response.body.destroy();
      throw new Refusal(
        error instanceof BodyTooLargeError
          ? problem(502, `The ${service} service answered with more than this route can shape.`)
          : failureOf(error).problem,
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

/** RFC 9211: members are listed from the origin outwards, so the gateway's comes after the upstream's. */
function afterUpstreamMembers(upstream: unknown, member: string): string {
  const existing = Array.isArray(upstream) ? upstream.join(', ') : upstream;
  return existing ? `${String(existing)}, ${member}` : member;
}

/** Response headers as a plain object of strings and string lists. */
function plainHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Undici's error when the request body it was sending failed on our limit. */
function causedByTooLargeBody(error: unknown): boolean {
  return (error as { cause?: unknown } | undefined)?.cause instanceof BodyTooLargeError;
}

function discard(stream: Readable & { dump?: () => Promise<void> }): void {
  if (typeof stream.dump === 'function') stream.dump().catch(() => undefined);
  else stream.destroy();
}

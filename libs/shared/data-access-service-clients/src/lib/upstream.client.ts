import { Inject, Injectable } from '@nestjs/common';
import { withoutHopByHop } from '@concierge/shared/util-http';
import { Observable } from 'rxjs';
import { mapUpstreamError } from './errors/upstream-error.mapper';
import { failureCodeOf } from './errors/upstream-failure';
import { outboundHeaders } from './outbound-headers';
import { DotSegmentException, hasDotSegment } from './path-segment';
import { UPSTREAM_EXCHANGER } from './service-clients.module-definition';
import { ExchangeResult, Exchanger } from './transport/upstream-exchange';
import { UpstreamEvents } from './upstream-events';
import { UpstreamRegistry } from './upstream-registry';
import {
  CallOptions,
  QueryValue,
  UpstreamRequest,
  UpstreamResponse,
  isIdempotent,
  routeOf,
  withQuery,
} from './upstream-request';

const below400 = (status: number) => status < 400;
const below500 = (status: number) => status < 500;

interface CallSpec {
  method: string;
  path: string;
  route: string;
  body?: unknown;
  options: CallOptions;
  responseType: NonNullable<UpstreamRequest['responseType']>;
  validateStatus: (status: number) => boolean;
}

/**
 * Calls the configured services. Every call carries the request's propagated headers, has a deadline
 * (its timeout capped by the request's), runs under its service's policy (bulkhead, retries for
 * idempotent calls within a budget, circuit breaker), is cancelled when unsubscribed, and fails only
 * with an {@link UpstreamException} — or, for a path with a `.`/`..` segment, which is never sent, a 400
 * {@link DotSegmentException}. The typed clients are built on it.
 */
@Injectable()
export class UpstreamClient {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly events: UpstreamEvents,
    @Inject(UPSTREAM_EXCHANGER) private readonly send: Exchanger,
  ) {}

  /**
   * Any request, answered as `{ status, headers, data }` for every status below 500, so a pass-through
   * route can hand a 4xx on as it is; 5xx and transport failures fail mapped (502/503/504).
   */
  request<T = unknown>(service: string, request: UpstreamRequest): Observable<UpstreamResponse<T>> {
    const method = request.method.toUpperCase();
    return this.exchange<UpstreamResponse<T>>(
      service,
      {
        method,
        path: withQuery(request.path, request.query),
        route: request.route ?? routeOf(request.path),
        body: request.body,
        options: request,
        responseType: request.responseType ?? 'json',
        validateStatus: below500,
      },
      (response) => ({
        status: response.status,
        headers: withoutHopByHop(response.headers),
        data: response.data as T,
      }),
    );
  }

  /** `GET` answered 2xx/3xx → its parsed body; 4xx passes through as the same status; see the mapper. */
  get<T>(
    service: string,
    route: string,
    path: string,
    query?: Record<string, QueryValue>,
    options: CallOptions = {},
  ): Observable<T> {
    return this.exchange<T>(
      service,
      {
        method: 'GET',
        path: withQuery(path, query),
        route,
        options,
        responseType: 'json',
        validateStatus: below400,
      },
      (response) => response.data as T,
    );
  }

  /** `POST` a JSON body → the parsed answer. Retried only when `options.headers` has `Idempotency-Key`. */
  post<T>(
    service: string,
    route: string,
    path: string,
    body: unknown,
    options: CallOptions = {},
  ): Observable<T> {
    return this.exchange<T>(
      service,
      { method: 'POST', path, route, body, options, responseType: 'json', validateStatus: below400 },
      (response) => response.data as T,
    );
  }

  private exchange<R>(
    service: string,
    spec: CallSpec,
    project: (response: ExchangeResult) => R,
  ): Observable<R> {
    return new Observable<R>((subscriber) => {
      if (hasDotSegment(spec.path)) {
        subscriber.error(new DotSegmentException());
        return;
      }
      const { settings, policy } = this.registry.get(service, spec.options.isolation);
      const context = spec.options.context;
      const started = Date.now();
      const timeoutMs = spec.options.timeoutMs ?? settings.timeoutMs;
      const deadline =
        context?.deadline !== undefined
          ? Math.min(started + timeoutMs, context.deadline)
          : started + timeoutMs;
      const headers = outboundHeaders(spec.options.headers, context);
      const span = this.events.tracer?.start(service, spec.method, spec.route, context);
      if (span) headers['traceparent'] = span.traceparent;
      const observed = this.events.observed;
      if (observed) {
        this.events.emit({
          type: 'call-started',
          service,
          method: spec.method,
          route: spec.route,
          at: started,
        });
      }
      let done = false;

      const run = policy.execute(
        (signal) =>
          this.send({
            baseUrl: settings.baseUrl,
            path: spec.path,
            method: spec.method,
            headers,
            body: spec.body,
            responseType: spec.responseType,
            validateStatus: spec.validateStatus,
            signal,
          }),
        {
          idempotent: isIdempotent(spec.method, headers, spec.body, spec.options.idempotent),
          deadline,
          signal: spec.options.signal,
          onRetry: observed
            ? (retry, delayMs, error) =>
                this.events.emit({
                  type: 'retry',
                  service,
                  method: spec.method,
                  route: spec.route,
                  retry,
                  delayMs,
                  reason: failureCodeOf(error),
                })
            : undefined,
        },
      );
      run.result.then(
        (response) => {
          done = true;
          span?.end('success', response.status);
          if (this.events.observed) this.finished(service, spec, 'success', response.status, started);
          subscriber.next(project(response));
          subscriber.complete();
        },
        (error: unknown) => {
          done = true;
          const exception = mapUpstreamError(error, {
            service,
            retryAfterSeconds: () => policy.retryAfterSeconds(),
          });
          span?.end(exception.code, exception.cause.upstreamStatus ?? exception.getStatus());
          if (this.events.observed) {
            this.finished(
              service,
              spec,
              exception.code,
              exception.cause.upstreamStatus ?? exception.getStatus(),
              started,
            );
          }
          subscriber.error(exception);
        },
      );

      return () => {
        if (!done) run.cancel();
      };
    });
  }

  private finished(
    service: string,
    spec: CallSpec,
    outcome: 'success' | ReturnType<typeof failureCodeOf>,
    status: number,
    started: number,
  ) {
    this.events.emit({
      type: 'call-finished',
      service,
      method: spec.method,
      route: spec.route,
      outcome,
      status,
      durationMs: Date.now() - started,
    });
  }
}

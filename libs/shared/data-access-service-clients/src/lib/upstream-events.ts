import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { UpstreamFailureCode } from './errors/upstream-failure';
import type { BreakerState } from './resilience/upstream-policy';

interface CallEventBase {
  service: string;
  method: string;
  /** The route template (`/products/:id`), not the concrete path: safe as a metric label. */
  route: string;
}

export interface CallStartedEvent extends CallEventBase {
  type: 'call-started';
  /** Epoch ms. */
  at: number;
}

export interface CallFinishedEvent extends CallEventBase {
  type: 'call-finished';
  /** `success`, or why it failed. */
  outcome: 'success' | UpstreamFailureCode;
  /** The service's status when it answered; the gateway's mapped status otherwise. */
  status: number;
  durationMs: number;
}

export interface RetryEvent {
  type: 'retry';
  service: string;
  method: string;
  route: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  reason: UpstreamFailureCode;
}

export interface BreakerStateEvent {
  type: 'breaker-state';
  service: string;
  from: BreakerState;
  to: BreakerState;
}

/** What a tracer opened for one upstream call (see {@link UpstreamCallTracer}). */
export interface UpstreamCallSpan {
  /** The W3C `traceparent` naming this call's span: the call carries it instead of the request's. */
  readonly traceparent: string;
  /** The call is over: `success` or why it failed, with the service's status (or the mapped one). */
  end(outcome: 'success' | UpstreamFailureCode, status: number): void;
}

/** Opens a span for each upstream call; installed with {@link UpstreamEvents.useTracer} by the tracing layer. */
export interface UpstreamCallTracer {
  /** Called once per call (not per attempt), before its headers leave; undefined: no span for it. */
  start(
    service: string,
    method: string,
    route: string,
    context: RequestContext | undefined,
  ): UpstreamCallSpan | undefined;
}

/** Everything the service clients report. */
export type UpstreamEvent = CallStartedEvent | CallFinishedEvent | RetryEvent | BreakerStateEvent;

/**
 * The observer seam of the service clients: metrics and tracing subscribe to `events$`. Events are built
 * only while someone is subscribed, so an unobserved gateway pays nothing for them.
 */
@Injectable()
export class UpstreamEvents {
  private readonly subject = new Subject<UpstreamEvent>();
  private callTracer: UpstreamCallTracer | undefined;

  /** Every event, synchronously, in the order it happened. */
  readonly events$: Observable<UpstreamEvent> = this.subject.asObservable();

  /** True while at least one subscriber listens: emitters check it before building an event. */
  get observed(): boolean {
    return this.subject.observed;
  }

  emit(event: UpstreamEvent): void {
    this.subject.next(event);
  }

  /** The tracer that opens a span per call, if tracing is on (see {@link useTracer}). */
  get tracer(): UpstreamCallTracer | undefined {
    return this.callTracer;
  }

  /** Installs (or, with undefined, removes) the tracer of upstream calls. */
  useTracer(tracer: UpstreamCallTracer | undefined): void {
    this.callTracer = tracer;
  }
}

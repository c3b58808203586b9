import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
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

/** Everything the service clients report. */
export type UpstreamEvent = CallStartedEvent | CallFinishedEvent | RetryEvent | BreakerStateEvent;

/**
 * The observer seam of the service clients: metrics and tracing subscribe to `events$`. Events are built
 * only while someone is subscribed, so an unobserved gateway pays nothing for them.
 */
@Injectable()
export class UpstreamEvents {
  private readonly subject = new Subject<UpstreamEvent>();

  /** Every event, synchronously, in the order it happened. */
  readonly events$: Observable<UpstreamEvent> = this.subject.asObservable();

  /** True while at least one subscriber listens: emitters check it before building an event. */
  get observed(): boolean {
    return this.subject.observed;
  }

  emit(event: UpstreamEvent): void {
    this.subject.next(event);
  }
}

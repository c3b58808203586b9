import { Dispatcher } from 'undici';
import type { UndiciTransport } from './undici.transport';

/**
 * The service clients' keep-alive pools as one undici dispatcher, for callers that name the origin per
 * request (the declared routes' streamed pass-through through `@fastify/reply-from`). A declared route and
 * a service client calling one upstream then share its sockets and its `connections` bound, as they share
 * its breaker, bulkhead and deadline.
 *
 * Not an undici `Agent` over the same pools: an Agent closes a pool once its last socket drops, which
 * would close it under the service clients too.
 */
export class SharedPoolsDispatcher extends Dispatcher {
  constructor(private readonly transport: UndiciTransport) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.transport.poolFor(String(options.origin)).dispatch(options, handler);
  }

  // The pools are the transport's: it closes them when the application shuts down.
  override close(callback: () => void): void;
  override close(): Promise<void>;
  override close(callback?: () => void): Promise<void> | void {
    if (callback) return void queueMicrotask(callback);
    return Promise.resolve();
  }

  override destroy(err: Error | null, callback: () => void): void;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null): Promise<void>;
  override destroy(): Promise<void>;
  override destroy(...args: unknown[]): Promise<void> | void {
    const callback = args.find((arg): arg is () => void => typeof arg === 'function');
    if (callback) return void queueMicrotask(callback);
    return Promise.resolve();
  }
}

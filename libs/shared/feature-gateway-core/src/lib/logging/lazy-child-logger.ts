import type { FastifyBaseLogger } from 'fastify';
import type { FastifyChildLoggerFactory } from 'fastify/types/logger';
import type { Bindings, ChildLoggerOptions, Logger, LogFn } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger, made on first use. Fastify gives every request a pino child bound to its id, and
 * making one (serialising and redacting its bindings, setting its level) costs more than the rest of a
 * request's logging when nothing is logged, as with the access log off and no warning, the common case.
 * A line below the level is dropped without making the child.
 */
class LazyChildLogger implements FastifyBaseLogger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly bindingsOfChild: Bindings,
  ) {}

  readonly fatal = this.method('fatal');
  readonly error = this.method('error');
  readonly warn = this.method('warn');
  readonly info = this.method('info');
  readonly debug = this.method('debug');
  readonly trace = this.method('trace');
  readonly silent: LogFn = () => undefined;

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.child_().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  bindings(): Bindings {
    return this.child_().bindings();
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.child_().child(bindings, options);
  }

  private method(level: Level): LogFn {
    return ((...args: Parameters<LogFn>) => {
      if (this.made === undefined && !this.parent.isLevelEnabled(level)) return;
      this.child_()[level](...args);
    }) as LogFn;
  }

  private child_(): Logger {
    return (this.made ??= this.parent.child(this.bindingsOfChild));
  }
}

/**
 * Fastify's `childLoggerFactory`: lazy children. A route with a log level or serializers of its own gets a
 * real child at once (Fastify passes the route's level, or the server's, `''` with a logger instance).
 */
export const lazyChildLoggerFactory: FastifyChildLoggerFactory = (logger, bindings, options) =>
  (!options?.level || options.level === logger.level) && options?.serializers === undefined
    ? new LazyChildLogger(logger as unknown as Logger, bindings)
    : logger.child(bindings, options);

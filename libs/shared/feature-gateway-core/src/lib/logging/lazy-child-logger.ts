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

  // On the prototype, not per instance: one of these is made for every request.
  fatal(...args: Parameters<LogFn>): void {
    this.write('fatal', args);
  }
  error(...args: Parameters<LogFn>): void {
    this.write('error', args);
  }
  warn(...args: Parameters<LogFn>): void {
    this.write('warn', args);
  }
  info(...args: Parameters<LogFn>): void {
    this.write('info', args);
  }
  debug(...args: Parameters<LogFn>): void {
    this.write('debug', args);
  }
  trace(...args: Parameters<LogFn>): void {
    this.write('trace', args);
  }
  silent(): void {
    // Nothing, as pino's.
  }

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

  private write(level: Level, args: Parameters<LogFn>): void {
    if (this.made === undefined && !this.parent.isLevelEnabled(level)) return;
    this.child_()[level](...args);
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

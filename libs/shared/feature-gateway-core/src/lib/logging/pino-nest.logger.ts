import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's own log calls written through the same pino instance Fastify logs requests with, so every line
 * is JSON. Lines about a request are written through its logger (`request.log`), which carries its id.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    // Nest's start-up zone logs an error with its stack, then rethrows it to whoever started the app:
    // `bootstrapGateway` reports it in one line, a test gets the error itself.
    if (context === 'ExceptionHandler' || trace === 'ExceptionHandler') return;
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    context?: string,
    trace?: string,
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = { context };
    if (trace) fields['stack'] = trace;
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object') this.pino[level]({ ...fields, ...(message as object) });
    else this.pino[level](fields, String(message));
  }
}

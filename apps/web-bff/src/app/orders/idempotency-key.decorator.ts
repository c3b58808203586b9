import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The request's `Idempotency-Key` header as sent (`undefined` without one). `@Headers()` takes no pipe,
 * so the key is read here and checked by {@link IdempotencyKeyPipe}: `@IdempotencyKey(IdempotencyKeyPipe)`.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | string[] | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'],
);

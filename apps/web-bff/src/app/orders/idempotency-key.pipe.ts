import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

// Letters, digits and the punctuation of UUIDs, base64 and base64url: safe in logs, headers and store keys.
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._~:+/=-]{1,128}$/;

/**
 * Checks an optional `Idempotency-Key` header: absent stays absent; present, it must be 1–128 safe
 * characters (400 otherwise). The value is passed on unchanged.
 */
@Injectable()
export class IdempotencyKeyPipe implements PipeTransform<string | string[] | undefined, string | undefined> {
  transform(value: string | string[] | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
      throw new BadRequestException(
        'Idempotency-Key must be 1 to 128 characters: letters, digits or ._~:+/=-',
      );
    }
    return value;
  }
}

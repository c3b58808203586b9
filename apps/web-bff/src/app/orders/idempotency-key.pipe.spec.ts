import { BadRequestException } from '@nestjs/common';
import { IdempotencyKeyPipe } from './idempotency-key.pipe';

describe(IdempotencyKeyPipe.name, () => {
  const sut = new IdempotencyKeyPipe();

  it('lets a request without a key through without one', () => {
    expect(sut.transform(undefined)).toBeUndefined();
  });

  it.each(['3f2b8c1e-5d4a-4c3b-9a2e-1f0e9d8c7b6a', 'a', 'order:2025/06+x=', 'k'.repeat(128)])(
    'passes %s on unchanged',
    (key) => {
      expect(sut.transform(key)).toBe(key);
    },
  );

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'two words'],
    ['sent twice (joined by a comma)', 'a, b'],
    ['with a quote', 'a"b'],
    ['not ASCII', 'clé'],
  ])('refuses a key %s with 400', (_, key) => {
    expect(() => sut.transform(key)).toThrow(BadRequestException);
  });

  it('refuses a key given as several values', () => {
    expect(() => sut.transform(['a', 'b'])).toThrow(BadRequestException);
  });
});

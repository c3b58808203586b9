import 'reflect-metadata';
import { HttpException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsObject, ValidateNested } from 'class-validator';
import { GatewayValidationPipe } from './gateway-validation.pipe';
import { reservedMemberPath } from './reserved-member';

class ReadingDto {
  @IsInt()
  seq!: number;

  @IsObject()
  metrics!: Record<string, number>;
}

class BatchDto {
  @ValidateNested({ each: true })
  @Type(() => ReadingDto)
  readings!: ReadingDto[];
}

describe(reservedMemberPath.name, () => {
  it('names the first own member called __proto__, constructor or prototype, by its dotted path', () => {
    expect(reservedMemberPath({ readings: [{ metrics: { t: 1, constructor: 1 } }] })).toBe(
      'readings.0.metrics.constructor',
    );
    expect(reservedMemberPath(JSON.parse('{"a":{"__proto__":1}}'))).toBe('a.__proto__');
    expect(reservedMemberPath([{ prototype: {} }])).toBe('0.prototype');
  });

  it('finds nothing in values that only inherit those names, or that the pipe does not look into', () => {
    expect(
      reservedMemberPath({ readings: [{ metrics: { toString: 1, valueOf: 2, t: 3 } }] }),
    ).toBeUndefined();
    expect(reservedMemberPath(Object.create(null))).toBeUndefined();
    expect(reservedMemberPath(new Date())).toBeUndefined();
    expect(reservedMemberPath('constructor')).toBeUndefined();
  });
});

describe(GatewayValidationPipe.name, () => {
  const sut = new GatewayValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const asBody = { type: 'body', metatype: BatchDto } as const;

  it('refuses a member Nest would delete with 400 naming it, instead of validating what is left', async () => {
    const body = { readings: [{ seq: 1, metrics: { constructor: 1, t: 5 } }] };
    const refusal = await sut.transform(body, asBody).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HttpException);
    expect((refusal as HttpException).getStatus()).toBe(400);
    expect((refusal as HttpException).getResponse()).toMatchObject({
      type: expect.stringMatching(/forbidden-property$/),
      detail: expect.stringContaining('readings.0.metrics.constructor'),
    });
  });

  it('validates and transforms everything else as Nest does', async () => {
    const metrics = { t: 5, h: 40 };
    const batch = await sut.transform({ readings: [{ seq: 1, metrics }] }, asBody);
    expect(batch).toBeInstanceOf(BatchDto);
    expect(batch.readings[0].metrics).toEqual(metrics);
    await expect(sut.transform({ readings: [{ seq: 'x', metrics }] }, asBody)).rejects.toThrow(HttpException);
  });
});

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { TelemetryBatchDto } from './telemetry-batch.dto';
import { MAX_READINGS_PER_BATCH } from './telemetry.limits';

const reading = (seq: number) => ({ seq, ts: '2025-01-01T00:00:00.000Z', metrics: { t: 21.5 } });

/** Dotted paths of every failed property, as the ValidationPipe names them in its message. */
function failures(body: unknown): string[] {
  const walk = (errors: ValidationError[], prefix: string): string[] =>
    errors.flatMap((error) => {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      return error.children?.length ? walk(error.children, path) : [path];
    });
  const sut = plainToInstance(TelemetryBatchDto, body);
  return walk(validateSync(sut, { whitelist: true, forbidNonWhitelisted: true }), '');
}

describe(TelemetryBatchDto.name, () => {
  it('accepts a well-formed batch', () => {
    expect(failures({ readings: [reading(0), reading(1)] })).toEqual([]);
  });

  it(`accepts ${MAX_READINGS_PER_BATCH} readings and refuses one more`, () => {
    const full = Array.from({ length: MAX_READINGS_PER_BATCH }, (_, i) => reading(i));
    expect(failures({ readings: full })).toEqual([]);
    expect(failures({ readings: [...full, reading(MAX_READINGS_PER_BATCH)] })).toEqual(['readings']);
  });

  it('refuses an empty or missing batch', () => {
    expect(failures({ readings: [] })).toEqual(['readings']);
    expect(failures({})).toEqual(['readings']);
  });

  it('names the bad field of a bad reading', () => {
    expect(failures({ readings: [reading(0), { ...reading(1), seq: -1 }] })).toEqual(['readings.1.seq']);
    expect(failures({ readings: [{ ...reading(0), seq: 1.5 }] })).toEqual(['readings.0.seq']);
    expect(failures({ readings: [{ ...reading(0), ts: 'yesterday' }] })).toEqual(['readings.0.ts']);
    expect(failures({ readings: [{ ...reading(0), ts: '2025-01-01' }] })).toEqual(['readings.0.ts']);
    expect(failures({ readings: [{ ...reading(0), metrics: { t: 'hot' } }] })).toEqual([
      'readings.0.metrics',
    ]);
  });

  it('keeps metrics named like Object methods (constructor, toString, valueOf) as data', () => {
    const metrics = { constructor: 1, toString: 2, valueOf: 3, hasOwnProperty: 4, t: 5 };
    const body = { readings: [{ ...reading(0), metrics }] };
    expect(failures(body)).toEqual([]);
    const sut = plainToInstance(TelemetryBatchDto, body);
    expect(Object.entries(sut.readings[0].metrics)).toEqual(Object.entries(metrics));
  });

  it('refuses fields it does not know, such as a device id', () => {
    expect(failures({ readings: [reading(0)], deviceId: 'dev-0002' })).toEqual(['deviceId']);
    expect(failures({ readings: [{ ...reading(0), deviceId: 'dev-0002' }] })).toEqual([
      'readings.0.deviceId',
    ]);
  });
});

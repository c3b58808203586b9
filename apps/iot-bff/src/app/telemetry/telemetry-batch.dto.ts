import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsRFC3339,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsMetrics } from './metrics.validator';
import { MAX_READINGS_PER_BATCH } from './telemetry.limits';

/** One reading as a device sends it. */
export class TelemetryReadingDto {
  /** The device's own monotonic sequence number: the unit of deduplication, passed on untouched. */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq!: number;

  /** When the reading was taken (RFC 3339, with a time zone). */
  @IsRFC3339()
  ts!: string;

  /**
   * Taken as sent, not rebuilt by class-transformer: it skips keys its target object already has as
   * methods, so metrics named `constructor`, `toString` or `valueOf` vanished while the reading counted
   * as accepted. Validation sees (and the devices service stores) exactly what the device sent; the
   * names `constructor` and `prototype` never get here (the gateway's validation pipe refuses them).
   */
  @Type(() => Object)
  @Transform(({ obj }: { obj: { metrics?: unknown } }) => obj.metrics, { toClassOnly: true })
  @IsMetrics()
  metrics!: Record<string, number>;
}

/** `POST /api/v1/telemetry`. No device id anywhere: the device is whoever authenticated. */
export class TelemetryBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_READINGS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => TelemetryReadingDto)
  readings!: TelemetryReadingDto[];
}

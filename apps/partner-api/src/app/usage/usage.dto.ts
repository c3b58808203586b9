import { IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `?from=&to=`: UTC days, both included; today when left out; at most 31 days. */
export class UsageQueryDto {
  /** @example "2026-12-01" */
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day like 2026-12-01' })
  from?: string;

  /** @example "2026-12-01" */
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day like 2026-12-01' })
  to?: string;
}

/** Answers of one operation on one day, by status class. */
export class OperationUsageDto {
  /** @example "GET /v1/products/:id" */
  operation!: string;
  /** @example 41 */
  total!: number;
  /** @example {"2xx": 40, "4xx": 1} */
  byStatusClass!: Record<string, number>;
}

/** One consumer's usage on one UTC day. */
export class DayUsageDto {
  /** @example "acme-tools" */
  consumer!: string;
  /** @example "2026-12-01" */
  day!: string;
  /** @example 41 */
  total!: number;
  operations!: OperationUsageDto[];
}

/** Usage over a range of UTC days. */
export class UsageReportDto {
  /** @example "2026-12-01" */
  from!: string;
  /** @example "2026-12-01" */
  to!: string;
  /** @example 41 */
  total!: number;
  days!: DayUsageDto[];
}

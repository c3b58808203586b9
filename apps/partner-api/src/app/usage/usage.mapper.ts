import type { DayUsageDto, UsageReportDto } from './usage.dto';
import type { UsageDay } from './usage.store';

/** Stored counts as the report shows them: operations sorted, totals added up. */
export function toUsageReportDto(from: string, to: string, days: readonly UsageDay[]): UsageReportDto {
  const out: DayUsageDto[] = days.map((day) => {
    const operations = Object.entries(day.operations)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, counts]) => {
        const byStatusClass = Object.fromEntries(
          Object.entries(counts).filter(([, n]) => (n ?? 0) > 0),
        ) as Record<string, number>;
        return { operation, total: Object.values(byStatusClass).reduce((a, b) => a + b, 0), byStatusClass };
      });
    return {
      consumer: day.consumer,
      day: day.day,
      total: operations.reduce((a, o) => a + o.total, 0),
      operations,
    };
  });
  return { from, to, total: out.reduce((a, d) => a + d.total, 0), days: out };
}

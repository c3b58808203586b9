import { BadRequestException } from '@nestjs/common';
import { problem } from '@concierge/shared/util-http';
import { utcDay } from './usage.store';

const MAX_DAYS = 31;
const DAY_MS = 86_400_000;

/** The UTC days from `from` to `to` (both included, default today), or 400 when the range is not one. */
export function usageDays(
  from: string | undefined,
  to: string | undefined,
  now = Date.now(),
): { from: string; to: string; days: string[] } {
  const today = utcDay(now);
  const start = from ?? to ?? today;
  const end = to ?? (from ? today : start);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const endMs = Date.parse(`${end}T00:00:00Z`);
  const refuse = (detail: string) =>
    new BadRequestException(problem(400, detail, { type: 'invalid-usage-range' }));
  if (!Number.isFinite(startMs) || utcDay(startMs) !== start) throw refuse(`from "${start}" is not a day.`);
  if (!Number.isFinite(endMs) || utcDay(endMs) !== end) throw refuse(`to "${end}" is not a day.`);
  if (endMs < startMs) throw refuse('to is before from.');
  if ((endMs - startMs) / DAY_MS + 1 > MAX_DAYS) throw refuse(`At most ${MAX_DAYS} days at a time.`);
  const days: string[] = [];
  for (let t = startMs; t <= endMs; t += DAY_MS) days.push(utcDay(t));
  return { from: start, to: end, days };
}

/** How long a limit's counting window is. `rolling_days` counts the last N local days, today included. */
export type PeriodUnit = "minute" | "hour" | "day" | "month" | "rolling_days";

export interface Period {
  unit: PeriodUnit;
  /** Only for `rolling_days`: the number of days in the window (1-90). */
  days?: number;
}

export const PERIOD_UNITS: readonly PeriodUnit[] = ["minute", "hour", "day", "month", "rolling_days"];
export const MAX_ROLLING_DAYS = 90;

/** `minute`, `hour`, `day`, `month` or `rolling_days:N`: the text form stored and sent on the wire. */
export function formatPeriod(period: Period): string {
  return period.unit === "rolling_days" ? `rolling_days:${period.days ?? 1}` : period.unit;
}

export function parsePeriod(text: string): Period | Error {
  const [unit, days] = text.split(":");
  if (unit === "rolling_days") {
    const count = Number(days);
    if (!Number.isInteger(count) || count < 1 || count > MAX_ROLLING_DAYS) return new Error(`rolling_days needs a day count 1-${MAX_ROLLING_DAYS}: ${text}`);
    return { unit, days: count };
  }
  if (unit === "minute" || unit === "hour" || unit === "day" || unit === "month") {
    if (days !== undefined) return new Error(`only rolling_days takes a day count: ${text}`);
    return { unit };
  }
  return new Error(`unknown period: ${text} (minute, hour, day, month or rolling_days:N)`);
}

// Weekly schedules for recurring silences and for a policy's mute/active time intervals: weekdays and a time
// of day in a time zone, e.g. "Saturday and Sunday, 00:00–24:00, Europe/Berlin" or "Mon–Fri 22:00–06:00"
// (a window past midnight runs into the next day and belongs to the day it starts on).

export interface WeeklySchedule {
  /** 0 = Sunday … 6 = Saturday */
  weekdays: number[];
  /** "HH:MM"; start = end means the whole day */
  start: string;
  end: string;
  /** IANA name; default UTC */
  timezone?: string;
}

export class ScheduleError extends Error {}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function minutesOf(time: string, field: string): number {
  const m = TIME.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || minutes > 24 * 60)
    throw new ScheduleError(`${field} "${time}" is not a time of day HH:MM (00:00–24:00)`);
  return minutes;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: timezone,
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      throw new ScheduleError(`timezone "${timezone}" is not a known IANA time zone`);
    }
    formatters.set(timezone, f);
  }
  return f;
}

/** Throws ScheduleError naming the field when the schedule is not usable. */
export function checkSchedule(s: WeeklySchedule): void {
  if (s.weekdays.length === 0) throw new ScheduleError("weekdays: pick at least one day");
  for (const d of s.weekdays)
    if (!Number.isInteger(d) || d < 0 || d > 6)
      throw new ScheduleError(`weekdays: ${d} is not a day 0 (Sunday)–6`);
  minutesOf(s.start, "start");
  minutesOf(s.end, "end");
  formatter(s.timezone ?? "UTC");
}

/** Weekday (0–6) and minute of the day at `at` (ms) in the schedule's time zone. */
export function localTime(at: number, timezone = "UTC"): { weekday: number; minute: number } {
  const parts = formatter(timezone).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    weekday: WEEKDAYS.indexOf(get("weekday")),
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

export function inSchedule(s: WeeklySchedule, at: number): boolean {
  const start = minutesOf(s.start, "start");
  const end = minutesOf(s.end, "end");
  const { weekday, minute } = localTime(at, s.timezone);
  const days = new Set(s.weekdays);
  if (start === end) return days.has(weekday);
  if (start < end) return days.has(weekday) && minute >= start && minute < end;
  return (days.has(weekday) && minute >= start) || (days.has((weekday + 6) % 7) && minute < end);
}

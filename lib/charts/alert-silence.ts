// The silence form, prepared: matchers text parsed as Alertmanager does (lib/alerts/matchers, pure), the
// alerts a silence would mute now, datetime-local values, and the request body. Pure.
import type { AlertInfo, SilenceBody, WeeklyScheduleBody } from "../alerts/api-schemas";
import { type Matcher, matchesAll, parseMatchers } from "../alerts/matchers";

export type ParsedMatchers = { matchers: Matcher[]; error: null } | { matchers: null; error: string };

/** `{a="b"}` or `a="b", c=~"x"`; an empty text is an error (a silence must match something). */
export function readMatchers(text: string): ParsedMatchers {
  if (text.trim() === "" || text.trim() === "{}")
    return { matchers: null, error: 'Add at least one matcher, e.g. {alertname="AccuracyLow"}' };
  try {
    const matchers = parseMatchers(text);
    if (matchers.length === 0) return { matchers: null, error: "Add at least one matcher" };
    // Alertmanager refuses a silence that matches every alert (all matchers match the empty string).
    if (matchers.every((m) => matchesAll([m], {})))
      return {
        matchers: null,
        error: "At least one matcher must not match an empty label (it would mute everything)",
      };
    return { matchers, error: null };
  } catch (error) {
    return { matchers: null, error: (error as Error).message };
  }
}

/** The current alerts the matchers would mute. */
export function wouldMute(matchers: readonly Matcher[], alerts: readonly AlertInfo[]): AlertInfo[] {
  return alerts.filter((a) => matchesAll(matchers, a.labels));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a datetime-local input value in the browser's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to epoch ms (local time); null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

export const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

export interface SilenceForm {
  matchers: string;
  startsAt: string;
  endsAt: string;
  recurring: boolean;
  weekdays: number[];
  startTime: string;
  endTime: string;
  timezone: string;
  comment: string;
}

export type FormIssues = Partial<Record<"matchers" | "startsAt" | "endsAt" | "weekdays", string>>;

/** The request body, or the first issue per field (checked before sending; the server checks again). */
export function silenceRequest(form: SilenceForm): { body: SilenceBody | null; issues: FormIssues } {
  const issues: FormIssues = {};
  const parsed = readMatchers(form.matchers);
  if (parsed.error !== null) issues.matchers = parsed.error;
  const startsAt = fromLocalInput(form.startsAt);
  const endsAt = fromLocalInput(form.endsAt);
  if (startsAt === null) issues.startsAt = "Pick when the silence starts";
  if (endsAt === null) issues.endsAt = "Pick when the silence ends";
  else if (startsAt !== null && endsAt <= startsAt) issues.endsAt = "The end must be after the start";
  if (form.recurring && form.weekdays.length === 0) issues.weekdays = "Choose at least one weekday";
  if (Object.keys(issues).length > 0 || startsAt === null || endsAt === null || parsed.matchers === null)
    return { body: null, issues };
  const schedule: WeeklyScheduleBody | null = form.recurring
    ? {
        weekdays: [...form.weekdays].sort((a, b) => a - b),
        start: form.startTime,
        end: form.endTime,
        timezone: form.timezone,
      }
    : null;
  return {
    body: {
      matchers: form.matchers.trim(),
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      schedule,
      comment: form.comment.trim(),
    },
    issues,
  };
}

/** "Sat, Sun 00:00–24:00 (Europe/Berlin)". */
export function describeSchedule(s: WeeklyScheduleBody): string {
  const days = [...s.weekdays]
    .sort((a, b) => a - b)
    .map((d) => WEEKDAY_NAMES[d] ?? String(d))
    .join(", ");
  const hours = s.start === s.end ? "all day" : `${s.start}–${s.end}`;
  return `${days} ${hours} (${s.timezone ?? "UTC"})`;
}

// Silences (Alertmanager's, plus recurring ones): an alert is silenced while a silence is in force and all of
// its matchers match the alert's labels. A silence is in force from startsAt to endsAt; a recurring silence
// additionally only inside its weekly schedule (e.g. every Saturday and Sunday for the next year).
import type { Labels } from "../series/labels";
import { type Matcher, matchesAll } from "./matchers";
import { inSchedule, type WeeklySchedule } from "./schedule";

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  schedule?: WeeklySchedule | null;
}

export type SilenceState = "pending" | "active" | "expired";

/** Alertmanager's states; a recurring silence between two windows is "pending". */
export function silenceState(s: Silence, at: number): SilenceState {
  if (at >= s.endsAt) return "expired";
  if (at < s.startsAt) return "pending";
  return s.schedule && !inSchedule(s.schedule, at) ? "pending" : "active";
}

/** Ids of the silences that mute an alert with these labels at `at`. */
export function silencedBy(silences: readonly Silence[], labels: Labels, at: number): string[] {
  return silences
    .filter(
      (s) => s.matchers.length > 0 && silenceState(s, at) === "active" && matchesAll(s.matchers, labels),
    )
    .map((s) => s.id);
}

// The "Share → Embed" form as data: one choice per parameter (the time range, each variable) — locked to a
// value, editable by the viewer, or left at the dashboard's default — turned into the POST /api/v1/embeds body.
// Pure; the dialog (components/embeds/share-dialog.tsx) renders it.
import type { Variable } from "../dashboards/schema";
import type { TimeRange } from "../dashboards/time";
import type { CreateEmbedBody, EmbedTheme } from "./schemas";

export type ParamMode = "locked" | "editable" | "default";

export interface ParamChoice {
  /** "time" for the time range (from and to together), else a variable's name */
  name: string;
  label: string;
  mode: ParamMode;
  /** the locked value(s): the page's current selection to start with */
  values: string[];
}

export const TIME_CHOICE = "time";

/**
 * Starting choices: the time range editable (a viewer usually wants to zoom), every variable locked to what
 * the page shows now (so the embed shows what its author sees), or left at the default when it has no value.
 */
export function initialChoices(
  variables: readonly Variable[],
  values: Readonly<Record<string, readonly string[]>>,
  time: TimeRange,
): ParamChoice[] {
  return [
    { name: TIME_CHOICE, label: "Time range", mode: "editable", values: [time.from, time.to] },
    ...variables.map((v) => {
      const current = [...(values[v.name] ?? [])];
      return {
        name: v.name,
        label: v.label ?? v.name,
        mode: current.length > 0 ? ("locked" as const) : ("default" as const),
        values: current,
      };
    }),
  ];
}

export function shareBody(input: {
  dashboard: string;
  panel: string | null;
  choices: readonly ParamChoice[];
  theme: EmbedTheme;
  showTitle: boolean;
}): CreateEmbedBody {
  const locked: CreateEmbedBody["locked"] = {};
  const editable: string[] = [];
  for (const c of input.choices) {
    const names = c.name === TIME_CHOICE ? ["from", "to"] : [c.name];
    if (c.mode === "editable") editable.push(...names);
    if (c.mode !== "locked") continue;
    if (c.name === TIME_CHOICE) {
      locked.from = c.values[0] ?? "now-24h";
      locked.to = c.values[1] ?? "now";
    } else locked[c.name] = c.values.length === 1 ? c.values[0]! : [...c.values];
  }
  return {
    dashboard: input.dashboard,
    ...(input.panel ? { panel: input.panel } : {}),
    locked,
    editable,
    theme: input.theme,
    showTitle: input.showTitle,
  };
}

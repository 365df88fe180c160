// The vigil_experiment_* series written at each computation (computedAt), for panels and alert rules:
//   vigil_experiment_units{experiment,model,variant}                      units (predictions) so far
//   vigil_experiment_metric{experiment,model,variant,metric}              rate or mean (F1 for f1)
//   vigil_experiment_lift{experiment,model,variant,metric}                relative lift against the control
//   vigil_experiment_p_value{experiment,model,variant,metric}             Holm-adjusted p-value
//   vigil_experiment_chance_to_beat_control{experiment,model,variant,metric}
//   vigil_experiment_srm_p_value{experiment,model}, vigil_experiment_srm_flagged{experiment,model} (0/1)
import type { PointInput } from "../series/store";
import type { ExperimentResults } from "./schemas";

export const EXPERIMENT_SERIES = [
  "vigil_experiment_units",
  "vigil_experiment_metric",
  "vigil_experiment_lift",
  "vigil_experiment_p_value",
  "vigil_experiment_chance_to_beat_control",
  "vigil_experiment_srm_p_value",
  "vigil_experiment_srm_flagged",
] as const;

export function experimentPoints(r: ExperimentResults, ts: number): PointInput[] {
  const base = { experiment: r.experiment.key, model: r.experiment.model };
  const points: PointInput[] = [];
  const add = (name: string, labels: Record<string, string>, value: number | null | undefined) => {
    if (typeof value === "number" && Number.isFinite(value))
      points.push({ name, labels: { ...base, ...labels }, ts, value });
  };
  for (const v of r.variants) {
    add("vigil_experiment_units", { variant: v.key }, v.n);
    for (const [metric, m] of Object.entries(v.metrics))
      add("vigil_experiment_metric", { variant: v.key, metric }, m.value);
  }
  for (const c of r.comparisons) {
    const labels = { variant: c.variant, metric: c.metric };
    add("vigil_experiment_lift", labels, c.lift);
    add("vigil_experiment_p_value", labels, c.adjustedPValue);
    add("vigil_experiment_chance_to_beat_control", labels, c.chanceToBeatControl);
  }
  add("vigil_experiment_srm_p_value", {}, r.srm.pValue);
  add("vigil_experiment_srm_flagged", {}, r.srm.flagged ? 1 : 0);
  return points;
}

// The demo's dashboard, "Recommender overview": a `model` variable (the recommender by default), the latest
// accuracy, volume and GPU load as stat and gauge panels, accuracy and volume per version and GPU load per GPU
// over time, and the confusion matrix built in — so /dashboards is full at first sight. Imported through the
// public API (POST /api/v1/dashboards/import) with a fixed uid, so a second demo run finds it in place.
import type { ExportFile } from "../dashboards/schema";
import { RECOMMENDER } from "./scenario";

export const DEMO_DASHBOARD_UID = "recommender-overview";

const accuracy = 'last_over_time(vigil_model_accuracy{model="$model",window="1h"}[2h])';
const perHour = 'sum by (version) (last_over_time(vigil_predictions_total{model="$model",window="1h"}[1h]))';
/** The latest hourly count, also just after the hour turns (the new hour's window is written a little later). */
const latestHour = perHour.replace("[1h]", "[2h]");

/** The import body (an export file without `version`/`exportedAt`). */
export function demoDashboard(): ExportFile {
  return {
    schemaVersion: 1,
    uid: DEMO_DASHBOARD_UID,
    title: "Recommender overview",
    definition: {
      time: { from: "now-24h", to: "now" },
      refresh: "1m",
      variables: [
        { name: "model", label: "Model", type: "model", default: RECOMMENDER },
        { name: "version", label: "Version", type: "version", multi: true },
      ],
      panels: [
        {
          id: "accuracy-now",
          title: "Accuracy of $model (latest hour)",
          type: "stat",
          gridPos: { x: 0, y: 0, w: 6, h: 5 },
          targets: [{ expr: `avg(${accuracy})`, legend: "mean over versions" }],
          unit: "percentunit",
          decimals: 1,
          thresholds: [
            { value: 0, color: "red" },
            { value: 0.8, color: "orange" },
            { value: 0.85, color: "green" },
          ],
        },
        {
          id: "volume-24h",
          title: "Predictions in the last 24 hours",
          type: "stat",
          gridPos: { x: 6, y: 0, w: 6, h: 5 },
          targets: [
            {
              expr: 'sum(sum_over_time(vigil_predictions_total{model="$model",window="1h"}[24h]))',
              legend: "all versions",
            },
          ],
          unit: "short",
        },
        {
          id: "gpu-now",
          title: "GPU utilization now",
          description: "Mean over every GPU scraped from the DCGM exporters",
          type: "gauge",
          gridPos: { x: 12, y: 0, w: 6, h: 5 },
          targets: [{ expr: "avg(DCGM_FI_DEV_GPU_UTIL)", legend: "all GPUs" }],
          unit: "percent",
          min: 0,
          max: 100,
          thresholds: [
            { value: 0, color: "green" },
            { value: 70, color: "orange" },
            { value: 90, color: "red" },
          ],
        },
        {
          id: "versions-now",
          title: "Predictions in the latest hour",
          type: "bar",
          gridPos: { x: 18, y: 0, w: 6, h: 5 },
          targets: [{ expr: latestHour, legend: "{{version}}" }],
          unit: "short",
        },
        {
          id: "accuracy-over-time",
          title: "Accuracy by version",
          type: "timeseries",
          gridPos: { x: 0, y: 5, w: 12, h: 9 },
          targets: [
            {
              expr: 'last_over_time(vigil_model_accuracy{model="$model",version=~"$version",window="1h"}[1h])',
              legend: "{{version}}",
            },
          ],
          unit: "percentunit",
          thresholds: [{ value: 0.8, color: "red" }],
          legend: { show: true, placement: "bottom" },
        },
        {
          id: "volume-over-time",
          title: "Predictions per hour",
          type: "timeseries",
          gridPos: { x: 12, y: 5, w: 12, h: 9 },
          targets: [{ expr: perHour, legend: "{{version}}" }],
          unit: "short",
          legend: { show: true, placement: "bottom" },
        },
        {
          id: "gpu-heatmap",
          title: "GPU utilization per GPU",
          type: "heatmap",
          gridPos: { x: 0, y: 14, w: 14, h: 9 },
          targets: [
            {
              expr: "avg by (Hostname, gpu) (avg_over_time(DCGM_FI_DEV_GPU_UTIL[$__interval]))",
              legend: "{{Hostname}} / GPU {{gpu}}",
            },
          ],
          unit: "percent",
          min: 0,
          max: 100,
        },
        {
          id: "confusion",
          title: "Confusion matrix of $model",
          type: "builtin",
          gridPos: { x: 14, y: 14, w: 10, h: 9 },
          targets: [],
          builtin: { kind: "confusion-matrix", model: "$model" },
        },
      ],
    },
  };
}

/**
 * Imports the demo dashboard (`say` reports what happened). 409: a previous run of the demo on this database
 * imported it already; it is left as the user may have changed it.
 */
export async function installDemoDashboard(
  baseUrl: string,
  apiKey: string,
  say: (message: string) => void,
): Promise<void> {
  const res = await fetch(new URL("/api/v1/dashboards/import", baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(demoDashboard()),
  });
  if (res.status === 409) return;
  if (!res.ok) say(`could not create the demo dashboard: ${res.status} ${await res.text()}`);
  else say(`dashboard "Recommender overview" at ${new URL(`/dashboards/${DEMO_DASHBOARD_UID}`, baseUrl)}`);
}

import { describe, expect, it } from "vitest";
import {
  buildExperimentBody,
  checkEditForm,
  checkExperimentForm,
  defaultFormValues,
  type ExperimentFormValues,
  eventNameProblem,
  isoToLocalInput,
  issueField,
  localInputToIso,
  modelVersions,
  splitEvenly,
  weightSum,
  weightsSumToOne,
} from "@/lib/charts/experiment-form";
import { experimentInput } from "@/lib/experiments/schemas";

function filled(patch: Partial<ExperimentFormValues> = {}): ExperimentFormValues {
  return {
    ...defaultFormValues("recommender"),
    key: "ranker-ab",
    variants: [
      { key: "control", version: "v1", weight: "0.5" },
      { key: "treatment", version: "v2", weight: "0.5" },
    ],
    ...patch,
  };
}

describe("weights", () => {
  it("splits evenly into weights that add up to exactly 1", () => {
    expect(splitEvenly(2)).toEqual(["0.5", "0.5"]);
    expect(splitEvenly(3)).toEqual(["0.3333", "0.3333", "0.3334"]);
    expect(splitEvenly(7).reduce((s, w) => s + Number(w), 0)).toBeCloseTo(1, 12);
    expect(splitEvenly(0)).toEqual([]);
    for (const n of [2, 3, 6, 7, 9, 20])
      expect(weightsSumToOne(splitEvenly(n).map((weight) => ({ weight })))).toBe(true);
  });

  it("sums without float noise and refuses blanks", () => {
    expect(weightSum([{ weight: "0.1" }, { weight: "0.2" }])).toBe(0.3);
    expect(weightSum([{ weight: "0.5" }, { weight: "" }])).toBeNaN();
    expect(weightsSumToOne([{ weight: "0.5" }, { weight: "0.4" }])).toBe(false);
  });
});

describe("create form", () => {
  it("builds a body the server's schema accepts", () => {
    const v = filled({
      name: " Ranker v2 ",
      qualityMetrics: ["accuracy", "log_loss"],
      events: [
        { key: "conversion", type: "auto", inverse: false },
        { key: "refund", type: "binary", inverse: true },
      ],
      guardrails: ["latency_p95"],
      startAt: "2026-03-01T09:30",
      covariate: "past_orders",
      alpha: "0.01",
    });
    const body = buildExperimentBody(v);
    expect(body).toEqual({
      key: "ranker-ab",
      model: "recommender",
      name: "Ranker v2",
      variants: [
        { key: "control", version: "v1", weight: 0.5 },
        { key: "treatment", version: "v2", weight: 0.5 },
      ],
      metrics: ["accuracy", "log_loss", "conversion", { key: "refund", type: "binary", inverse: true }],
      guardrails: ["latency_p95"],
      alpha: 0.01,
      startAt: new Date(2026, 2, 1, 9, 30).toISOString(),
      covariate: "past_orders",
    });
    expect(experimentInput.safeParse(body).success).toBe(true);
    expect(checkExperimentForm(v)).toEqual({ ok: true, body });
  });

  it("refuses weights that do not sum to 1 even while other fields are wrong", () => {
    const r = checkExperimentForm(
      filled({
        key: "",
        variants: [
          { key: "control", version: "v1", weight: "0.5" },
          { key: "treatment", version: "v2", weight: "0.4" },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.variants).toEqual(["weights must sum to 1 (they sum to 0.9)"]);
    expect(r.issues.key?.[0]).toMatch(/^key must be 1–64 letters/);
  });

  it("reports the schema's own sum message once when everything else is valid", () => {
    const r = checkExperimentForm(
      filled({
        variants: [
          { key: "control", version: "v1", weight: "0.6" },
          { key: "treatment", version: "v2", weight: "0.6" },
        ],
      }),
    );
    expect(r.ok ? null : r.issues.variants).toEqual(["weights must sum to 1 (they sum to 1.2)"]);
  });

  it("keys issues by the row and field they belong to", () => {
    const r = checkExperimentForm(
      filled({
        model: "",
        variants: [
          { key: "control", version: "", weight: "0.5" },
          { key: "control", version: "v2", weight: "abc" },
        ],
        qualityMetrics: [],
        endAt: "2026-01-01T00:00",
        startAt: "2026-02-01T00:00",
        alpha: "0.7",
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.model).toEqual(["choose a model"]);
    expect(r.issues["variants.0.version"]).toEqual(["version must not be empty"]);
    expect(r.issues["variants.1.weight"]?.length).toBe(1);
    expect(r.issues.metrics).toEqual(["name at least one metric"]);
    expect(r.issues.alpha?.length).toBe(1);
    expect(r.issues.variants).toEqual(["weights must sum to 1"]);
  });

  it("says when the end is before the start", () => {
    const r = checkExperimentForm(filled({ startAt: "2026-02-01T00:00", endAt: "2026-01-01T00:00" }));
    expect(r.ok ? null : r.issues).toEqual({ endAt: ["endAt must be after startAt"] });
  });

  it("maps issue paths to fields", () => {
    expect(issueField(["variants", 2, "weight"])).toBe("variants.2.weight");
    expect(issueField(["variants"])).toBe("variants");
    expect(issueField(["metrics", 1])).toBe("metrics");
    expect(issueField([])).toBe("form");
  });
});

describe("edit form, dates, versions, event names", () => {
  it("builds the PATCH body; an empty end clears it", () => {
    expect(checkEditForm({ name: " New ", description: "", endAt: "" })).toEqual({
      ok: true,
      body: { name: "New", description: "", endAt: null },
    });
    const r = checkEditForm({ name: "x".repeat(201), description: "", endAt: "soon" });
    expect(r.ok ? null : Object.keys(r.issues).sort()).toEqual(["endAt", "name"]);
  });

  it("round-trips datetime-local values through ISO", () => {
    const iso = localInputToIso("2026-03-01T09:30")!;
    expect(isoToLocalInput(iso)).toBe("2026-03-01T09:30");
    expect(localInputToIso("")).toBeUndefined();
    expect(localInputToIso("soon")).toBe("soon");
    expect(isoToLocalInput(null)).toBe("");
  });

  it("offers the model's versions, newest first", () => {
    const models = [{ name: "recommender", versions: [{ name: "v2" }, { name: "v10" }, { name: "v1" }] }];
    expect(modelVersions(models, "recommender")).toEqual(["v10", "v2", "v1"]);
    expect(modelVersions(models, "other")).toEqual([]);
  });

  it("checks free event names", () => {
    expect(eventNameProblem("conversion", [])).toBeNull();
    expect(eventNameProblem("add to cart", [])).toMatch(/^metric must be/);
    expect(eventNameProblem("accuracy", ["accuracy"])).toBe("accuracy is already a metric");
  });
});

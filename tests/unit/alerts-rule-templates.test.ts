// Every rule template renders to a rule that Vigil (and promtool) would accept: the expression parses and is an
// instant vector, the label and annotation templates compile; parameters are checked by name.
import { describe, expect, it } from "vitest";
import { type ConfigProblem, checkRule } from "@/lib/alerts/rule-config";
import { listTemplates, renderTemplate } from "@/lib/alerts/rule-templates";
import { HttpError } from "@/lib/http/errors";
import { parse, typeOf } from "@/lib/promql";

describe("rule templates", () => {
  const templates = listTemplates();

  it("offers the issue's ready-made rules", () => {
    expect(templates.map((t) => t.id)).toEqual([
      "quality-below",
      "quality-dropped",
      "dataset-drift",
      "feature-psi",
      "gpu-saturated",
      "no-predictions",
      "label-coverage",
      "shadow-disagreement",
      "experiment-srm",
    ]);
    for (const t of templates) expect(t.parameters.length).toBeGreaterThan(0);
  });

  it.each(listTemplates().map((t) => [t.id]))(
    "%s renders a valid vector rule, with defaults and a model",
    (id) => {
      const variants: Array<Record<string, string>> = [
        {},
        id === "gpu-saturated" || id === "experiment-srm" ? {} : { model: 'rec"o' },
      ];
      for (const params of variants) {
        const rule = renderTemplate(id, params);
        const problems: ConfigProblem[] = [];
        const checked = checkRule(rule, "rule", problems);
        expect(problems).toEqual([]);
        expect(checked?.kind).toBe("alert");
        expect(typeOf(parse(rule.expr))).toBe("vector");
        expect(rule.labels?.severity).toMatch(/^(critical|warning|info)$/);
        expect(rule.annotations?.summary).toBeTruthy();
      }
    },
  );

  it("reads Vigil's real series names", () => {
    const exprs = templates.map((t) => renderTemplate(t.id, {}).expr).join("\n");
    for (const name of [
      "vigil_model_accuracy",
      "vigil_dataset_drift_share",
      'vigil_feature_drift{stattest="psi"}',
      "DCGM_FI_DEV_GPU_UTIL",
      "absent_over_time(vigil_predictions_total",
      "vigil_labels_total",
      "vigil_shadow_agreement",
      "vigil_experiment_srm_flagged",
    ])
      expect(exprs).toContain(name);
    expect(renderTemplate("quality-dropped", { model: "rec", metric: "f1", drop: 0.1 }).expr).toBe(
      'last_over_time(vigil_model_f1{model="rec",window="1h"}[2h]) < (1 - 0.1) * avg_over_time(vigil_model_f1{model="rec",window="1h"}[7d] offset 2h)',
    );
    expect(renderTemplate("gpu-saturated", { threshold: 90, for: "5m" })).toMatchObject({
      alert: "GpuSaturated",
      expr: "avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL) > 90",
      for: "5m",
    });
  });

  it("names the parameter that is wrong", () => {
    const fail = (id: string, params: Record<string, string | number>) => {
      try {
        renderTemplate(id, params);
      } catch (error) {
        expect(error).toBeInstanceOf(HttpError);
        return `${(error as HttpError).status} ${(error as HttpError).message}`;
      }
      throw new Error("expected a failure");
    };
    expect(fail("quality-below", { threshold: "high" })).toBe("400 params.threshold: must be a number");
    expect(fail("quality-below", { for: "soon" })).toMatch(/^400 params\.for: "soon" is not a duration/);
    expect(fail("quality-below", { metric: "auc" })).toBe(
      "400 params.metric: must be one of accuracy, f1, precision, recall",
    );
    expect(fail("quality-below", { colour: "red" })).toMatch(/^400 params\.colour: .* no such parameter/);
    expect(fail("nope", {})).toBe('404 no rule template "nope"');
  });
});

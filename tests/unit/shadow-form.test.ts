import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  backfillRange,
  buildShadowConfig,
  defaultFormValues,
  moveRow,
  parseCategories,
  rowsFromFeatures,
  shadowNameProblem,
  shadowUploadFailure,
  slotCount,
  tensorText,
} from "@/lib/charts/shadow-form";

const fixture = JSON.parse(readFileSync("tests/fixtures/shadow/recommender.config.json", "utf8")) as Record<
  string,
  unknown
>;

function recommenderRows() {
  const rows = rowsFromFeatures([
    { name: "user_age", type: "numerical" },
    { name: "items_in_cart", type: "numerical" },
    { name: "price", type: "numerical" },
    { name: "session_minutes", type: "numerical" },
    { name: "country", type: "categorical" },
    { name: "device", type: "categorical" },
  ]);
  rows[4] = { ...rows[4]!, categories: "DE, FR, US, GB, ES, IT" };
  rows[5] = { ...rows[5]!, categories: "mobile,desktop,, tablet" };
  return rows;
}

describe("shadow form → config", () => {
  it("prefills numbers and one-hot categorical features, no duplicates", () => {
    const rows = rowsFromFeatures([
      { name: "a", type: "numerical" },
      { name: "b", type: "categorical" },
      { name: "a", type: "numerical" },
    ]);
    expect(rows).toEqual([
      { feature: "a", include: true, encoding: "number", categories: "" },
      { feature: "b", include: true, encoding: "onehot", categories: "" },
    ]);
  });

  it("builds the fixture's config from the recommender mapping (13 slots)", () => {
    const rows = recommenderRows();
    expect(slotCount(rows)).toBe(13);
    const check = buildShadowConfig({ ...defaultFormValues(rows), name: " candidate " });
    expect(check).toEqual({ ok: true, config: { ...fixture, sampleRate: 1 } });
  });

  it("leaves excluded features out and keeps ordinal encodings", () => {
    const rows = recommenderRows();
    rows[5] = { ...rows[5]!, include: false };
    rows[4] = { ...rows[4]!, encoding: "ordinal" };
    expect(slotCount(rows)).toBe(5);
    const check = buildShadowConfig({
      ...defaultFormValues(rows),
      name: "x",
      scoreIndex: "",
      sampleRate: "0.25",
    });
    expect(check.ok && check.config).toEqual({
      name: "x",
      inputs: { features: ["user_age", "items_in_cart", "price", "session_minutes", "country"] },
      output: "probabilities",
      sampleRate: 0.25,
      encodings: { country: { type: "ordinal", categories: ["DE", "FR", "US", "GB", "ES", "IT"] } },
    });
  });

  it("lists every problem", () => {
    const rows = rowsFromFeatures([{ name: "country", type: "categorical" }]);
    const check = buildShadowConfig({
      ...defaultFormValues(rows),
      name: "a/b",
      tensor: " ",
      output: "",
      scoreIndex: "1.5",
      sampleRate: "2",
      backfill: true,
      backfillDays: "0",
    });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems).toEqual([
      "Name: No “/” and no control characters.",
      "Input tensor: give its name.",
      "Output: give the output tensor's name.",
      "Score index: a whole number, 0 or more.",
      "Sample rate: a share in (0, 1].",
      "country: list its categories (comma-separated) for the one-hot encoding.",
      "Backfill: a whole number of days, 1–365.",
    ]);
    const none = buildShadowConfig({ ...defaultFormValues([]), name: "x" });
    expect(!none.ok && none.problems).toEqual(["Mapping: include at least one feature."]);
  });

  it("checks names", () => {
    expect(shadowNameProblem("")).toBe("Give the shadow a name.");
    expect(shadowNameProblem("x".repeat(129))).toBe("At most 128 characters.");
    expect(shadowNameProblem("ok-name")).toBeNull();
  });
});

describe("helpers", () => {
  it("parses categories", () => {
    expect(parseCategories(" DE, FR ,,US, DE ")).toEqual(["DE", "FR", "US"]);
    expect(parseCategories("")).toEqual([]);
  });

  it("moves rows", () => {
    expect(moveRow(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveRow(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveRow(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });

  it("gives the backfill range of the last N days", () => {
    const now = Date.UTC(2026, 10, 29, 12);
    expect(backfillRange(7, now)).toEqual({
      from: "2026-11-22T12:00:00.000Z",
      to: "2026-11-29T12:00:00.000Z",
    });
  });

  it("describes tensors", () => {
    expect(tensorText({ name: "features", isTensor: true, type: "float32", shape: ["N", 13] })).toBe(
      "float32 [N, 13]",
    );
    expect(tensorText({ name: "x", isTensor: true, type: "int64", shape: null })).toBe("int64 shape unknown");
    expect(tensorText({ name: "z", isTensor: false, type: null, shape: null })).toBe(
      "not a tensor (sequence or map)",
    );
  });
});

describe("upload failures", () => {
  it("reads a 422 mapping error with problems and signature", () => {
    const signature = {
      inputs: [{ name: "features", isTensor: true, type: "float32", shape: ["N", 13] }],
      outputs: [{ name: "probabilities", isTensor: true, type: "float32", shape: ["N", 2] }],
    };
    const f = shadowUploadFailure(
      422,
      JSON.stringify({ error: "the config does not fit the model: p", problems: ["p", 3], signature }),
    );
    expect(f).toEqual({
      title: "The mapping does not fit the model",
      message: "the config does not fit the model: p",
      problems: ["p"],
      signature,
    });
  });

  it("names other statuses", () => {
    expect(shadowUploadFailure(409, '{"error":"exists"}')).toMatchObject({
      title: "Name already taken",
      message: "exists",
      problems: [],
      signature: null,
    });
    expect(shadowUploadFailure(413, "not json").title).toBe("File too large for this server");
    expect(shadowUploadFailure(403, "").title).toBe("Only editors and admins can add shadows");
    expect(shadowUploadFailure(0, "").title).toBe("Upload failed");
    expect(shadowUploadFailure(422, '{"error":"config: sampleRate must be in (0, 1]"}')).toMatchObject({
      title: "Not accepted",
      message: "config: sampleRate must be in (0, 1]",
    });
    expect(shadowUploadFailure(500, "").title).toBe("Upload failed (HTTP 500)");
  });
});

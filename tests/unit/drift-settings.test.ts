import { describe, expect, it } from "vitest";
import type { DriftConfig } from "../../lib/charts/drift";
import {
  checkPinnedWindow,
  configFromForm,
  defaultProfileName,
  detectReferenceFormat,
  diffConfig,
  type FeatureInfo,
  fieldKey,
  formFromConfig,
  guessRoles,
  isDriftQueryKey,
  keepKnownRoles,
  normalizeConfig,
  parsePositive,
  profileNameProblem,
  referenceUploadUrl,
  rolesProblem,
  STAT_TESTS,
  sameReference,
  serverError,
  sniffColumns,
  sniffCsvHeader,
  sniffJsonLinesKeys,
  TEST_TYPES,
  testsFor,
  uploadFailure,
  validateForm,
  withReference,
} from "../../lib/charts/drift-settings";
import { toLocalInput } from "../../lib/charts/range";
import { STAT_TEST_TYPES } from "../../lib/drift/stattests";

const NO_ROLES = { predictionColumn: "", scoreColumn: "", labelColumn: "" };

describe("detectReferenceFormat", () => {
  it("reads the extension first", () => {
    expect(detectReferenceFormat("train.csv")).toEqual({ format: "csv", reason: "file name ends in .csv" });
    expect(detectReferenceFormat("train.JSONL").format).toBe("jsonl");
    expect(detectReferenceFormat("rows.ndjson", "a,b\n").format).toBe("jsonl");
    expect(detectReferenceFormat("rows.csv", '{"a":1}\n').format).toBe("csv");
  });

  it("falls back to the first line, then CSV", () => {
    expect(detectReferenceFormat("export.txt", '\uFEFF  {"a": 1}\n')).toEqual({
      format: "jsonl",
      reason: "the first line is a JSON object",
    });
    expect(detectReferenceFormat("export.txt", "a,b\n1,2\n").format).toBe("csv");
    expect(detectReferenceFormat("export", "").format).toBe("csv");
  });
});

describe("dataset names", () => {
  it("defaults to the file name without its extension", () => {
    expect(defaultProfileName("train-2026-05.csv")).toBe("train-2026-05");
    expect(defaultProfileName("C:\\data\\sample.ndjson")).toBe("sample");
    expect(defaultProfileName("a\tb.jsonl")).toBe("a-b");
    expect(defaultProfileName(".csv")).toBe("reference");
    expect(defaultProfileName(`${"x".repeat(300)}.csv`)).toHaveLength(128);
  });

  it("refuses what the server refuses", () => {
    expect(profileNameProblem("")).toMatch(/name/);
    expect(profileNameProblem("x".repeat(129))).toMatch(/128/);
    expect(profileNameProblem("a/b")).toMatch(/“\/”/);
    expect(profileNameProblem("a\u0000b")).toMatch(/control/);
    expect(profileNameProblem("train 2026 (v2)")).toBeNull();
    expect(profileNameProblem("x".repeat(128))).toBeNull();
  });
});

describe("sniffCsvHeader", () => {
  it("reads plain and quoted names", () => {
    expect(sniffCsvHeader("a,b,c\n1,2,3\n", true)).toEqual({
      ok: true,
      columns: ["a", "b", "c"],
      warning: null,
    });
    expect(sniffCsvHeader('"price, EUR",age,"say ""hi"""\r\n1,2,3\r\n', true)).toEqual({
      ok: true,
      columns: ["price, EUR", "age", 'say "hi"'],
      warning: null,
    });
  });

  it("keeps line breaks inside quotes, spaces as written, and skips a BOM and blank lines", () => {
    const r = sniffCsvHeader('\uFEFF\n\r\n"two\nlines", b ,""\nx,y,z\n', true);
    expect(r).toEqual({
      ok: true,
      columns: ["two\nlines", " b ", ""],
      warning: "A column of the header has no name; the server will refuse it.",
    });
  });

  it("takes a header without a line end when the text is the whole file", () => {
    expect(sniffCsvHeader("a,b", true)).toEqual({ ok: true, columns: ["a", "b"], warning: null });
    expect(sniffCsvHeader("a,b", false)).toEqual({ ok: false, reason: "the header is longer than 64 KiB" });
  });

  it("reports an unterminated quote and text after a closing quote", () => {
    expect(sniffCsvHeader('a,"b\n1,2\n', true)).toEqual({
      ok: false,
      reason: "a quoted name in the header is never closed",
    });
    expect(sniffCsvHeader('a,"b\n1,2\n', false)).toEqual({
      ok: false,
      reason: "the header is longer than 64 KiB",
    });
    expect(sniffCsvHeader('"a"x,b\n', true)).toMatchObject({ ok: false });
    expect(sniffCsvHeader("", true)).toEqual({ ok: false, reason: "the file is empty" });
  });

  it("warns about what the server will refuse", () => {
    expect(sniffCsvHeader("a,b,a\n", true)).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/“a” appears twice/),
    });
    expect(sniffCsvHeader("a;b;c\n", true)).toMatchObject({
      ok: true,
      columns: ["a;b;c"],
      warning: expect.stringMatching(/separated by commas/),
    });
  });
});

describe("sniffJsonLinesKeys", () => {
  it("reads the first object's keys", () => {
    expect(sniffJsonLinesKeys('\n{"price": 1, "label": "a"}\n{"x": 2}\n', true)).toEqual({
      ok: true,
      columns: ["price", "label"],
      warning: null,
    });
    expect(sniffColumns("jsonl", '{"a":1}', true)).toMatchObject({ ok: true, columns: ["a"] });
    expect(sniffColumns("csv", "a,b\n", true)).toMatchObject({ ok: true, columns: ["a", "b"] });
  });

  it("says when it cannot", () => {
    expect(sniffJsonLinesKeys("[1,2]\n", true)).toEqual({
      ok: false,
      reason: "the first line is not a JSON object",
    });
    expect(sniffJsonLinesKeys("a,b\n", true)).toEqual({ ok: false, reason: "the first line is not JSON" });
    expect(sniffJsonLinesKeys('{"a":', false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/longer/),
    });
    expect(sniffJsonLinesKeys("\n\n", true)).toEqual({ ok: false, reason: "the file is empty" });
  });
});

describe("roles", () => {
  it("must name different columns", () => {
    expect(rolesProblem(NO_ROLES)).toBeNull();
    expect(rolesProblem({ predictionColumn: "p", scoreColumn: "", labelColumn: "y" })).toBeNull();
    expect(rolesProblem({ predictionColumn: "y", scoreColumn: "", labelColumn: "y" })).toBe(
      "Prediction column and label column name the same column, “y”.",
    );
  });

  it("drops choices the file does not have, and guesses the usual names", () => {
    expect(keepKnownRoles({ predictionColumn: "p", scoreColumn: "s", labelColumn: "y" }, ["y", "p"])).toEqual(
      {
        predictionColumn: "p",
        scoreColumn: "",
        labelColumn: "y",
      },
    );
    expect(guessRoles(["price", "Prediction", "score", "label"])).toEqual({
      predictionColumn: "Prediction",
      scoreColumn: "score",
      labelColumn: "label",
    });
    expect(guessRoles(["price", "age"])).toEqual(NO_ROLES);
  });

  it("are sent only when chosen, with the name and format encoded", () => {
    const url = referenceUploadUrl("fraud model", {
      name: "train & test",
      format: "csv",
      activate: true,
      ...NO_ROLES,
      labelColumn: "is fraud",
    });
    expect(url).toBe(
      "/api/v1/models/fraud%20model/reference?name=train+%26+test&format=csv&labelColumn=is+fraud&activate=true",
    );
    const q = new URL(url, "http://x").searchParams;
    expect(q.get("name")).toBe("train & test");
    expect(q.has("predictionColumn")).toBe(false);
    expect(referenceUploadUrl("m", { name: "n", format: "jsonl", activate: false, ...NO_ROLES })).toMatch(
      /format=jsonl&activate=false$/,
    );
  });
});

describe("server answers", () => {
  it("reads the error and its line", () => {
    expect(serverError('{"error":"line 3: a quoted field …","line":3}')).toEqual({
      message: "line 3: a quoted field …",
      line: 3,
    });
    expect(serverError('{"error":"no"}')).toEqual({ message: "no", line: null });
    expect(serverError("<html>")).toBeNull();
  });

  it("titles a failure by status", () => {
    expect(uploadFailure(400, '{"error":"line 3: bad","line":3}')).toEqual({
      title: "Not uploaded: a problem on line 3",
      message: "line 3: bad",
    });
    expect(uploadFailure(400, '{"error":"name is required"}').title).toBe("Not uploaded");
    expect(uploadFailure(413, "").title).toBe("File too large for this server");
    expect(uploadFailure(0, "").title).toBe("Upload failed");
    expect(uploadFailure(502, "bad gateway")).toEqual({
      title: "Upload failed (HTTP 502)",
      message: "The server answered with an error; its log has the details.",
    });
  });
});

describe("checkPinnedWindow", () => {
  const from = "2026-11-01T00:00:00.000Z";
  const to = "2026-11-08T00:00:00.000Z";
  it("turns local inputs into an ISO window", () => {
    expect(checkPinnedWindow(toLocalInput(from), toLocalInput(to))).toEqual({ ok: true, from, to });
  });

  it("wants both ends, from before to", () => {
    expect(checkPinnedWindow("", toLocalInput(to))).toEqual({
      ok: false,
      problem: "Choose when the reference starts.",
    });
    expect(checkPinnedWindow(toLocalInput(from), "nonsense")).toEqual({
      ok: false,
      problem: "Choose when the reference ends.",
    });
    expect(checkPinnedWindow(toLocalInput(to), toLocalInput(from))).toEqual({
      ok: false,
      problem: "The start must be before the end.",
    });
    expect(checkPinnedWindow(toLocalInput(from), toLocalInput(from))).toMatchObject({ ok: false });
  });
});

describe("tests per column type", () => {
  it("matches the server's table", () => {
    expect(TEST_TYPES).toEqual(STAT_TEST_TYPES);
  });

  it("lists the tests that take a type", () => {
    expect(testsFor("numerical")).toEqual([
      "ks",
      "chisquare",
      "z",
      "wasserstein",
      "jensenshannon",
      "psi",
      "kl_div",
      "hellinger",
    ]);
    expect(testsFor("categorical")).toEqual([
      "chisquare",
      "z",
      "jensenshannon",
      "psi",
      "kl_div",
      "hellinger",
      "tvd",
    ]);
    expect(testsFor(null)).toEqual(["chisquare", "z", "jensenshannon", "psi", "kl_div", "hellinger"]);
    expect(STAT_TESTS).toHaveLength(9);
  });
});

describe("settings form", () => {
  const config: DriftConfig = {
    reference: { from: "2026-11-01T00:00:00.000Z", to: "2026-11-08T00:00:00.000Z", version: "v1" },
    stattest: "psi",
    threshold: 0.2,
    driftShare: 0.3,
    columns: { age: { stattest: "wasserstein" }, zip: { type: "categorical", threshold: 0.01 } },
  };

  it("round-trips a config, keeping the reference", () => {
    const form = formFromConfig(config, ["age", "price"]);
    expect(form).toEqual({
      stattest: "psi",
      threshold: "0.2",
      driftShare: "30",
      columns: {
        age: { type: "auto", stattest: "wasserstein", threshold: "" },
        price: { type: "auto", stattest: "auto", threshold: "" },
        zip: { type: "categorical", stattest: "auto", threshold: "0.01" },
      },
    });
    expect(configFromForm(form, config)).toEqual(normalizeConfig(config));
    expect(diffConfig(config, configFromForm(form, config))).toEqual([]);
    // 0.07 * 100 is 7.000000000000001 in floating point: shown as 7, saved as 0.07.
    const f2 = formFromConfig({ driftShare: 0.07 }, []);
    expect(f2.driftShare).toBe("7");
    expect(configFromForm(f2, {})).toEqual({ driftShare: 0.07 });
  });

  it("drops all-auto columns and empty fields", () => {
    const form = formFromConfig({}, ["a", "b"]);
    expect(configFromForm(form, { reference: { profile: "train" } })).toEqual({
      reference: { profile: "train" },
    });
    form.columns.a = { type: "auto", stattest: "psi", threshold: " 0.25 " };
    form.driftShare = "100";
    expect(configFromForm(form, {})).toEqual({
      driftShare: 1,
      columns: { a: { stattest: "psi", threshold: 0.25 } },
    });
  });

  it("normalises: no undefined, no empty overrides, null reference dropped, columns sorted", () => {
    const n = normalizeConfig({
      reference: null,
      threshold: undefined,
      columns: { z: { stattest: "ks" }, a: {}, m: { type: undefined, threshold: 1 } },
    });
    expect(n).toEqual({ columns: { m: { threshold: 1 }, z: { stattest: "ks" } } });
    expect(Object.keys(n.columns!)).toEqual(["m", "z"]);
    expect(normalizeConfig({ columns: { a: {} } })).toEqual({});
  });

  it("describes the differences", () => {
    const after: DriftConfig = {
      ...config,
      reference: { profile: "train" },
      stattest: undefined,
      driftShare: 0.5,
      columns: { age: { stattest: "psi" }, price: { type: "numerical" } },
    };
    expect(diffConfig(config, after)).toEqual([
      "reference",
      "model-wide test: psi → auto",
      "drift share: 30% → 50%",
      "age: test wasserstein → psi",
      "price: type auto → numerical",
      "zip: type categorical → auto",
      "zip: threshold 0.01 → auto",
    ]);
    expect(diffConfig({ reference: null }, {})).toEqual([]);
  });

  it("keeps every other setting when the reference changes", () => {
    expect(withReference(config, null)).toEqual(normalizeConfig({ ...config, reference: undefined }));
    expect(withReference(config, { profile: "train" }).columns).toEqual(config.columns);
    expect(withReference({}, { profile: "train" })).toEqual({ reference: { profile: "train" } });
  });

  it("compares references by meaning", () => {
    const w = { from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" };
    expect(sameReference(null, undefined)).toBe(true);
    expect(sameReference(w, { from: "2026-11-01T01:00:00+01:00", to: "2026-11-02T00:00:00.000Z" })).toBe(
      true,
    );
    expect(sameReference(w, { ...w, version: "v1" })).toBe(false);
    expect(sameReference({ profile: "a" }, { profile: "a" })).toBe(true);
    expect(sameReference({ profile: "a" }, w)).toBe(false);
    expect(sameReference(null, { profile: "a" })).toBe(false);
  });
});

describe("parsePositive and validateForm", () => {
  const features: FeatureInfo[] = [
    { name: "price", detected: "numerical" },
    { name: "country", detected: "categorical" },
    { name: "zip", detected: null },
  ];
  const base = () => formFromConfig({}, ["price", "country", "zip"]);

  it("parses decimals only", () => {
    expect(parsePositive("")).toBeUndefined();
    expect(parsePositive(" 0.05 ")).toBe(0.05);
    expect(parsePositive("1e-3")).toBe(0.001);
    expect(parsePositive(".5")).toBe(0.5);
    expect(parsePositive("-1")).toBeNaN();
    expect(parsePositive("0x10")).toBeNaN();
    expect(parsePositive("abc")).toBeNaN();
  });

  it("accepts the defaults", () => {
    expect(validateForm(base(), features)).toEqual({});
  });

  it("checks thresholds and the drift share", () => {
    const f = base();
    f.threshold = "0";
    f.driftShare = "150";
    f.columns.price!.threshold = "abc";
    f.columns.country!.threshold = "2e9";
    const e = validateForm(f, features);
    expect(Object.keys(e).sort()).toEqual([
      "columns.country.threshold",
      "columns.price.threshold",
      "driftShare",
      "threshold",
    ]);
    expect(e["columns.country.threshold"]).toBe("At most 1e9.");
  });

  it("wants a test that takes the column's type", () => {
    const f = base();
    f.columns.price!.stattest = "tvd";
    f.columns.country!.stattest = "ks";
    f.columns.zip!.stattest = "wasserstein"; // type not known: only tests for both
    const e = validateForm(f, features);
    expect(e[fieldKey("price", "stattest")]).toBe("tvd does not apply to numerical columns.");
    expect(e[fieldKey("country", "stattest")]).toBe("ks does not apply to categorical columns.");
    expect(e[fieldKey("zip", "stattest")]).toMatch(/not known/);
    // A type override makes it valid.
    f.columns.zip!.type = "numerical";
    f.columns.country!.type = "numerical";
    expect(validateForm(f, features)[fieldKey("country", "stattest")]).toBeUndefined();
    expect(validateForm(f, features)[fieldKey("zip", "stattest")]).toBeUndefined();
    f.columns.zip!.stattest = "psi";
    f.columns.zip!.type = "auto";
    expect(validateForm(f, features)[fieldKey("zip", "stattest")]).toBeUndefined();
  });

  it("checks the model-wide test against every column without its own test, outputs included", () => {
    const f = base();
    f.stattest = "ks";
    expect(validateForm(f, features, [{ name: "Label", type: "categorical" }]).stattest).toBe(
      "ks does not apply to columns “country”, “zip”, “Label”: choose another test, or give those feature columns a test of their own.",
    );
    f.columns.country!.stattest = "chisquare";
    f.columns.zip!.type = "numerical";
    expect(validateForm(f, features).stattest).toBeUndefined();
    expect(validateForm(f, features, [{ name: "Label", type: "categorical" }]).stattest).toMatch(
      /column “Label”/,
    );
    f.stattest = "psi";
    expect(validateForm(f, features, [{ name: "Label", type: "categorical" }])).toEqual({});
  });
});

describe("isDriftQueryKey", () => {
  it("matches the model's drift queries and the drift series", () => {
    expect(isDriftQueryKey(["models", "m", "drift", { from: "a" }], "m")).toBe(true);
    expect(isDriftQueryKey(["models", "m", "drift-config"], "m")).toBe(true);
    expect(isDriftQueryKey(["models", "m", "drift-distribution", {}], "m")).toBe(true);
    expect(isDriftQueryKey(["models", "m", "references"], "m")).toBe(true);
    expect(isDriftQueryKey(["prom", "drift", null], "m")).toBe(true);
    expect(isDriftQueryKey(["models", "other", "drift", {}], "m")).toBe(false);
    expect(isDriftQueryKey(["models", "m", "quality", {}], "m")).toBe(false);
    expect(isDriftQueryKey(["models"], "m")).toBe(false);
    expect(isDriftQueryKey(["prom", "query", {}], "m")).toBe(false);
  });
});

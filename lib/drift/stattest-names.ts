// The drift tests by name (Evidently's), which column types each takes and which report p-values: the facts
// the server (validation, lib/drift/stattests) and the browser (lib/charts) share, without the tests' code.
export const STAT_TESTS = [
  "ks",
  "chisquare",
  "z",
  "wasserstein",
  "jensenshannon",
  "psi",
  "kl_div",
  "hellinger",
  "tvd",
] as const;

export type StatTestName = (typeof STAT_TESTS)[number];

export type ColumnType = "numerical" | "categorical";

/**
 * Column types each test accepts. As Evidently's registry (allowed_feature_types), except that chisquare and z
 * also take numerical columns: Evidently's default selection runs them on numerical columns with <= 5 values
 * (the registry only refuses them when asked for by name).
 */
export const STAT_TEST_TYPES: Readonly<Record<StatTestName, readonly ColumnType[]>> = {
  ks: ["numerical"],
  chisquare: ["categorical", "numerical"],
  z: ["categorical", "numerical"],
  wasserstein: ["numerical"],
  jensenshannon: ["categorical", "numerical"],
  psi: ["categorical", "numerical"],
  kl_div: ["categorical", "numerical"],
  hellinger: ["categorical", "numerical"],
  tvd: ["categorical"],
};

/** Tests whose drift score is a p-value (drift when small); the others are distances (drift when large). */
export const P_VALUE_TESTS: ReadonlySet<StatTestName> = new Set<StatTestName>([
  "ks",
  "chisquare",
  "z",
  "tvd",
]);

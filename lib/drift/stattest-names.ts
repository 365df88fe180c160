// The drift tests by name (Evidently's), for validating settings and query parameters.
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

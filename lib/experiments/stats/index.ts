// A/B statistics: pure functions over sufficient statistics. Methods and their references:
// docs/experiments-statistics.md.
export * from "./bayesian";
export * from "./cuped";
export { incbet, lbeta, normIsf, normPpf, tCdf, tIsf, tPpf, tSf } from "./distributions";
export * from "./frequentist";
export * from "./holm";
export * from "./power";
export * from "./sequential";
export * from "./srm";
export type * from "./types";

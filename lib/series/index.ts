export * from "./labels";
export * from "./store";

// Public entry point of Vigil's PromQL module: the AST contract, the parser and the function table.
export * from "./ast";
export { FUNCTIONS, type FunctionSignature, getFunction } from "./functions";
export { parse, typeOf } from "./parse";

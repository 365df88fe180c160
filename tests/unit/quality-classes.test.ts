import { describe, expect, it } from "vitest";
import {
  classKey,
  defaultPositiveClass,
  inferTask,
  type RawValue,
  sortClasses,
  type Task,
} from "../../lib/quality";

// Table-driven checks of the class helpers that decide identity and order of classes.
describe("class helpers", () => {
  it.each<[RawValue, string]>([
    [1, "1"],
    ["1", "1"],
    [1.0, "1"],
    [-0, "0"],
    [2.5, "2.5"],
    [true, "true"],
    [false, "false"],
    ["cat", "cat"],
    ["1.0", "1.0"],
    [" 1", " 1"],
  ])("classKey(%j) = %j", (value, key) => {
    expect(classKey(value)).toBe(key);
  });

  it.each<[string[], string[]]>([
    [
      ["10", "9", "1"],
      ["1", "9", "10"],
    ],
    [
      ["-1", "0.5", "2e1", "3"],
      ["-1", "0.5", "3", "2e1"],
    ],
    [
      ["10", "9", "a"],
      ["10", "9", "a"],
    ],
    [
      ["b", "B", "a", "_"],
      ["B", "_", "a", "b"],
    ],
    [
      ["\u{1F600}", "\uFB01"],
      ["\uFB01", "\u{1F600}"],
    ], // code points, not UTF-16 units
    [
      ["", "0"],
      ["", "0"],
    ],
    [
      ["true", "false"],
      ["false", "true"],
    ],
    [[], []],
  ])("sortClasses(%j) = %j", (input, sorted) => {
    expect(sortClasses(input)).toEqual(sorted);
  });

  it.each<[string[], string | null]>([
    [["0", "1"], "1"],
    [["1", "2", "0"], "1"],
    [["false", "true"], "true"],
    [["neg", "pos"], "pos"],
    [["2", "10"], "10"],
    [["only"], "only"],
    [["0"], "1"],
    [["false"], "true"],
    [[], null],
  ])("defaultPositiveClass(%j) = %j", (classes, positive) => {
    expect(defaultPositiveClass(classes)).toBe(positive);
  });

  const p = (prediction: RawValue, score?: number) => ({ prediction, score });
  it.each<[string, Array<{ prediction: RawValue; score?: number; scores?: Record<string, number> }>, Task]>([
    ["no samples", [], "multiclass"],
    ["booleans", [p(true), p(false)], "binary"],
    ["0/1 without scores", [p(0), p(1), p(1)], "binary"],
    ["two strings with a score", [p("cat", 0.2), p("dog", 0.9)], "binary"],
    ["two strings with scores", [{ prediction: "a", scores: { a: 1 } }, p("b")], "binary"],
    ["two strings without scores", [p("cat"), p("dog")], "multiclass"],
    ["several integers", [p(0), p(1), p(2)], "multiclass"],
    ["non-integer numbers", [p(1.5), p(2), p(3.25)], "regression"],
    ["numeric strings are classes", [p("1.5"), p("2.5"), p("3.5")], "multiclass"],
    ["strings", [p("a"), p("b"), p("c")], "multiclass"],
  ])("inferTask: %s", (_, samples, task) => {
    expect(inferTask(samples)).toBe(task);
  });
});

import { describe, expect, it } from "vitest";
import { prepareConfusion } from "../../lib/charts/confusion";

describe("prepareConfusion", () => {
  it("keeps label order as given and normalises by row", () => {
    const out = prepareConfusion([
      {
        labels: ["0", "1"],
        matrix: [
          [8, 2],
          [1, 9],
        ],
      },
    ])!;
    expect(out.labels).toEqual(["0", "1"]);
    expect(out.rows[0]!.cells.map((c) => c.count)).toEqual([8, 2]);
    expect(out.rows[0]!.cells[0]!.rowShare).toBeCloseTo(0.8);
    expect(out.rows[1]!.total).toBe(10);
    expect(out.total).toBe(20);
    expect(out.correct).toBe(17);
  });

  it("merges versions with different label sets in first-seen order", () => {
    const out = prepareConfusion([
      {
        labels: ["cat", "dog"],
        matrix: [
          [1, 0],
          [0, 1],
        ],
      },
      {
        labels: ["dog", "bird"],
        matrix: [
          [2, 1],
          [0, 3],
        ],
      },
      null,
    ])!;
    expect(out.labels).toEqual(["cat", "dog", "bird"]);
    const dog = out.rows[1]!;
    expect(dog.cells.map((c) => c.count)).toEqual([0, 3, 1]);
    expect(out.rows[2]!.cells.map((c) => c.count)).toEqual([0, 0, 3]);
  });

  it("returns null without matrices and zero shares for empty rows", () => {
    expect(prepareConfusion([null, undefined])).toBeNull();
    const out = prepareConfusion([
      {
        labels: ["a", "b"],
        matrix: [
          [0, 0],
          [1, 1],
        ],
      },
    ])!;
    expect(out.rows[0]!.cells.map((c) => c.rowShare)).toEqual([0, 0]);
  });
});

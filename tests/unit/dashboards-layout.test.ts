import { describe, expect, it } from "vitest";
import {
  clampPos,
  collides,
  compact,
  freeSpot,
  gridHeight,
  keyboardMove,
  keyboardResize,
  type LayoutItem,
  moveItem,
  pixelsToCells,
  resizeItem,
  toPixels,
} from "@/lib/dashboards/layout";

const item = (id: string, x: number, y: number, w: number, h: number): LayoutItem => ({ id, x, y, w, h });
const at = (items: LayoutItem[]) => Object.fromEntries(items.map((i) => [i.id, [i.x, i.y, i.w, i.h]]));
const noOverlap = (items: LayoutItem[]) =>
  items.every((a, i) => items.every((b, j) => i === j || !collides(a, b)));

// A: top left, B: top right, C: full width below
const base = [item("A", 0, 0, 12, 8), item("B", 12, 0, 12, 8), item("C", 0, 8, 24, 6)];

describe("layout", () => {
  it("compacts upwards and resolves overlaps, keeping the order", () => {
    const out = compact([item("A", 0, 5, 12, 4), item("B", 0, 2, 12, 4), item("C", 12, 20, 12, 2)]);
    expect(at(out)).toEqual({ A: [0, 4, 12, 4], B: [0, 0, 12, 4], C: [12, 0, 12, 2] });
    expect(out.map((i) => i.id)).toEqual(["A", "B", "C"]);
    expect(noOverlap(out)).toBe(true);
  });

  it("moves a panel sideways onto another: the other moves down", () => {
    const out = moveItem(base, "A", { x: 12, y: 0 });
    expect(at(out)).toEqual({ A: [12, 0, 12, 8], B: [12, 8, 12, 8], C: [0, 16, 24, 6] });
    expect(noOverlap(out)).toBe(true);
  });

  it("moves a panel down past another's top: they swap", () => {
    const pair = [item("A", 0, 0, 12, 8), item("B", 0, 8, 12, 6), item("C", 12, 0, 12, 4)];
    expect(at(moveItem(pair, "A", { x: 0, y: 8 }))).toEqual({
      A: [0, 6, 12, 8],
      B: [0, 0, 12, 6],
      C: [12, 0, 12, 4],
    });
    // C spans the grid under B, which stays put: A can only go below C
    expect(at(moveItem(base, "A", { x: 0, y: 8 }))).toEqual({
      A: [0, 14, 12, 8],
      B: [12, 0, 12, 8],
      C: [0, 8, 24, 6],
    });
    // not far enough: it floats back
    expect(at(moveItem(base, "A", { x: 0, y: 4 }))).toEqual(at(base));
  });

  it("moves a panel up onto another: it takes the spot", () => {
    const out = moveItem(base, "C", { x: 0, y: 0 });
    expect(at(out)).toEqual({ A: [0, 6, 12, 8], B: [12, 6, 12, 8], C: [0, 0, 24, 6] });
  });

  it("keeps a moved panel inside the grid", () => {
    const out = moveItem(base, "A", { x: 20, y: -3 });
    expect(out.find((i) => i.id === "A")).toMatchObject({ x: 12, y: 0 });
    expect(noOverlap(out)).toBe(true);
    expect(moveItem(base, "nope", { x: 1, y: 1 })).toEqual(base);
  });

  it("resizes, pushing what it now covers down, within the grid", () => {
    const wider = resizeItem(base, "A", { w: 16, h: 8 });
    expect(at(wider)).toEqual({ A: [0, 0, 16, 8], B: [12, 8, 12, 8], C: [0, 16, 24, 6] });
    const taller = resizeItem(base, "B", { w: 12, h: 10 });
    expect(at(taller)).toEqual({ A: [0, 0, 12, 8], B: [12, 0, 12, 10], C: [0, 10, 24, 6] });
    expect(resizeItem(base, "A", { w: 40, h: 0 }).find((i) => i.id === "A")).toMatchObject({ w: 24, h: 1 });
    // a shorter panel lets the ones below float up
    expect(at(resizeItem(taller, "B", { w: 12, h: 4 }))).toEqual({
      A: [0, 0, 12, 8],
      B: [12, 0, 12, 4],
      C: [0, 8, 24, 6],
    });
    const shorter = resizeItem(base, "A", { w: 12, h: 2 });
    expect(at(resizeItem(shorter, "B", { w: 12, h: 2 }))).toEqual({
      A: [0, 0, 12, 2],
      B: [12, 0, 12, 2],
      C: [0, 2, 24, 6],
    });
  });

  it("keyboard: left/right by a column, up/down past the neighbour", () => {
    const left = [item("A", 0, 0, 6, 4), item("B", 0, 4, 6, 4)];
    expect(at(keyboardMove(left, "A", "right"))).toEqual({ A: [1, 0, 6, 4], B: [0, 4, 6, 4] });
    expect(at(keyboardMove(left, "A", "left"))).toEqual(at(left));
    expect(at(keyboardMove(left, "A", "down"))).toEqual({ A: [0, 4, 6, 4], B: [0, 0, 6, 4] });
    expect(at(keyboardMove(left, "B", "up"))).toEqual({ A: [0, 4, 6, 4], B: [0, 0, 6, 4] });
    expect(at(keyboardMove(left, "A", "up"))).toEqual(at(left));
    expect(at(keyboardMove(left, "B", "down"))).toEqual(at(left));
    // a taller panel below swaps too
    const uneven = [item("A", 0, 0, 6, 2), item("B", 0, 2, 6, 8)];
    expect(at(keyboardMove(uneven, "A", "down"))).toEqual({ A: [0, 8, 6, 2], B: [0, 0, 6, 8] });
  });

  it("keyboard resize: right/left width, down/up height", () => {
    const one = [item("A", 0, 0, 6, 4)];
    expect(at(keyboardResize(one, "A", "right"))).toEqual({ A: [0, 0, 7, 4] });
    expect(at(keyboardResize(one, "A", "left"))).toEqual({ A: [0, 0, 5, 4] });
    expect(at(keyboardResize(one, "A", "down"))).toEqual({ A: [0, 0, 6, 5] });
    expect(at(keyboardResize(one, "A", "up"))).toEqual({ A: [0, 0, 6, 3] });
  });

  it("finds a free spot for a new panel", () => {
    expect(freeSpot([], 12, 8)).toEqual({ x: 0, y: 0, w: 12, h: 8 });
    expect(freeSpot([item("A", 0, 0, 12, 8)], 12, 8)).toEqual({ x: 12, y: 0, w: 12, h: 8 });
    expect(freeSpot(base, 12, 8)).toEqual({ x: 0, y: 14, w: 12, h: 8 });
  });

  it("pixel geometry", () => {
    const g = { width: 1192, rowHeight: 30, gap: 8 };
    // column pitch (1192 + 8) / 24 = 50 px; row pitch 38 px
    expect(toPixels({ x: 2, y: 1, w: 4, h: 2 }, g)).toEqual({ left: 100, top: 38, width: 192, height: 68 });
    expect(pixelsToCells(74, -20, g)).toEqual({ dx: 1, dy: -1 });
    expect(pixelsToCells(76, 18, g)).toEqual({ dx: 2, dy: 0 });
    expect(gridHeight(base, g)).toBe(14 * 38 - 8);
    expect(clampPos({ x: -1, y: 2.6, w: 3.2, h: 200 })).toEqual({ x: 0, y: 3, w: 3, h: 100 });
  });
});

// Grid layout math for dashboards: 24 columns, rows of fixed height, panels never overlap and float up
// (vertical compaction, as in Grafana). Moving or resizing a panel pushes the panels it lands on down; a
// panel moved down past another's top swaps with it. Pure: the page, the keyboard handler and the tests use it.
import { GRID_COLUMNS, type GridPos, LIMITS } from "./schema";

export interface LayoutItem extends GridPos {
  id: string;
}

export function collides(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Inside the grid: 1 ≤ w ≤ 24, 0 ≤ x ≤ 24 − w, y ≥ 0, 1 ≤ h ≤ the height limit. */
export function clampPos(p: GridPos): GridPos {
  const w = Math.min(GRID_COLUMNS, Math.max(1, Math.round(p.w)));
  const h = Math.min(LIMITS.maxHeight, Math.max(1, Math.round(p.h)));
  const x = Math.min(GRID_COLUMNS - w, Math.max(0, Math.round(p.x)));
  const y = Math.min(LIMITS.maxRow, Math.max(0, Math.round(p.y)));
  return { x, y, w, h };
}

/**
 * Places items in the given order: each floats up until it touches one placed before it, then moves down past
 * any it still overlaps. Earlier items win a contested spot.
 */
function placeInOrder(items: readonly LayoutItem[]): LayoutItem[] {
  const placed: LayoutItem[] = [];
  for (const item of items) {
    const pos = { ...item };
    while (pos.y > 0 && !placed.some((p) => collides({ ...pos, y: pos.y - 1 }, p))) pos.y--;
    for (;;) {
      const hits = placed.filter((p) => collides(pos, p));
      if (hits.length === 0) break;
      pos.y = Math.max(...hits.map((p) => p.y + p.h));
    }
    placed.push(pos);
  }
  return placed;
}

const byPosition = (a: LayoutItem, b: LayoutItem) => a.y - b.y || a.x - b.x;

/** Every item floated up as far as it goes, overlaps resolved; the input order of equal positions is kept. */
export function compact(items: readonly LayoutItem[]): LayoutItem[] {
  const order = [...items].sort(byPosition);
  const placed = placeInOrder(order);
  const byId = new Map(placed.map((p) => [p.id, p]));
  return items.map((i) => byId.get(i.id)!);
}

/**
 * The layout with `id` at (x, y): the others make way. Moving up or sideways, the panel takes the row it is
 * put on (the panels there move down); moving down, it goes after the panels starting on that row (a swap).
 */
export function moveItem(
  items: readonly LayoutItem[],
  id: string,
  to: { x: number; y: number },
): LayoutItem[] {
  const moving = items.find((i) => i.id === id);
  if (!moving) return [...items];
  const target = { id, ...clampPos({ ...moving, x: to.x, y: to.y }) };
  const down = target.y > moving.y;
  const others = items.filter((i) => i.id !== id);
  const order = [...others, target].sort((a, b) => {
    if (a.y !== b.y) return a.y - b.y;
    if (a.id === id) return down ? 1 : -1;
    if (b.id === id) return down ? -1 : 1;
    return a.x - b.x;
  });
  const placed = new Map(placeInOrder(order).map((p) => [p.id, p]));
  return items.map((i) => placed.get(i.id)!);
}

/** The layout with `id` resized to w × h (kept inside the grid); panels it now covers move down. */
export function resizeItem(
  items: readonly LayoutItem[],
  id: string,
  size: { w: number; h: number },
): LayoutItem[] {
  const resizing = items.find((i) => i.id === id);
  if (!resizing) return [...items];
  const target = { id, ...clampPos({ ...resizing, w: size.w, h: size.h }) };
  const others = items.filter((i) => i.id !== id);
  const order = [...others, target].sort((a, b) => {
    if (a.y !== b.y) return a.y - b.y;
    if (a.id === id) return -1;
    if (b.id === id) return 1;
    return a.x - b.x;
  });
  const placed = new Map(placeInOrder(order).map((p) => [p.id, p]));
  return items.map((i) => placed.get(i.id)!);
}

export type Direction = "left" | "right" | "up" | "down";

const overlapsColumns = (a: GridPos, b: GridPos) => a.x < b.x + b.w && b.x < a.x + a.w;

/**
 * One keyboard step: left/right one column; up/down past the nearest panel above or below that shares a column
 * (a single row would float straight back).
 */
export function keyboardMove(items: readonly LayoutItem[], id: string, dir: Direction): LayoutItem[] {
  const item = items.find((i) => i.id === id);
  if (!item) return [...items];
  if (dir === "left" || dir === "right")
    return moveItem(items, id, { x: item.x + (dir === "left" ? -1 : 1), y: item.y });
  const others = items.filter((i) => i.id !== id && overlapsColumns(i, item));
  if (dir === "up") {
    const above = others.filter((o) => o.y < item.y).sort((a, b) => b.y - a.y)[0];
    return above ? moveItem(items, id, { x: item.x, y: above.y }) : [...items];
  }
  const below = others.filter((o) => o.y > item.y).sort((a, b) => a.y - b.y)[0];
  return below ? moveItem(items, id, { x: item.x, y: below.y }) : [...items];
}

/** One keyboard resize step: right/left one column wider/narrower, down/up one row taller/shorter. */
export function keyboardResize(items: readonly LayoutItem[], id: string, dir: Direction): LayoutItem[] {
  const item = items.find((i) => i.id === id);
  if (!item) return [...items];
  const dw = dir === "right" ? 1 : dir === "left" ? -1 : 0;
  const dh = dir === "down" ? 1 : dir === "up" ? -1 : 0;
  return resizeItem(items, id, { w: item.w + dw, h: item.h + dh });
}

/** Where a new panel of w × h goes: the first spot from the top where it fits, scanning left to right. */
export function freeSpot(items: readonly GridPos[], w: number, h: number): GridPos {
  const size = clampPos({ x: 0, y: 0, w, h });
  const bottom = items.reduce((m, i) => Math.max(m, i.y + i.h), 0);
  for (let y = 0; y <= bottom; y++) {
    for (let x = 0; x + size.w <= GRID_COLUMNS; x++) {
      const pos = { ...size, x, y };
      if (!items.some((i) => collides(pos, i))) return pos;
    }
  }
  return { ...size, x: 0, y: bottom };
}

/** Pixel geometry of the grid: column pitch from the width, fixed row pitch, a gap between panels. */
export interface GridGeometry {
  width: number;
  rowHeight: number;
  gap: number;
}

export const ROW_HEIGHT = 30;
export const GRID_GAP = 8;

export function columnWidth(g: GridGeometry): number {
  return (g.width + g.gap) / GRID_COLUMNS;
}

/** The panel's box in pixels, relative to the grid's top-left corner. */
export function toPixels(
  p: GridPos,
  g: GridGeometry,
): { left: number; top: number; width: number; height: number } {
  const col = columnWidth(g);
  const row = g.rowHeight + g.gap;
  return { left: p.x * col, top: p.y * row, width: p.w * col - g.gap, height: p.h * row - g.gap };
}

/** A pointer's movement in pixels → whole columns and rows (rounded to the nearest). */
export function pixelsToCells(dx: number, dy: number, g: GridGeometry): { dx: number; dy: number } {
  return { dx: Math.round(dx / columnWidth(g)), dy: Math.round(dy / (g.rowHeight + g.gap)) };
}

/** Height of the grid in pixels: down to the lowest panel. */
export function gridHeight(items: readonly GridPos[], g: GridGeometry): number {
  const rows = items.reduce((m, i) => Math.max(m, i.y + i.h), 0);
  return Math.max(0, rows * (g.rowHeight + g.gap) - g.gap);
}

export function sameLayout(a: readonly LayoutItem[], b: readonly LayoutItem[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(b.map((i) => [i.id, i]));
  return a.every((i) => {
    const o = byId.get(i.id);
    return o !== undefined && o.x === i.x && o.y === i.y && o.w === i.w && o.h === i.h;
  });
}

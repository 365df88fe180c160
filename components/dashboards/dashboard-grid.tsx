"use client";
// The panel grid: 24 columns, panels placed by their gridPos. In edit mode each panel has a move handle (drag
// it, or focus it and use the arrow keys) and a resize handle in its corner (drag, or arrow keys); the others
// make way as they would in Grafana (lib/dashboards/layout.ts). On a narrow screen, outside edit mode, panels
// stack in reading order.
import {
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import {
  type Direction,
  GRID_GAP,
  type GridGeometry,
  gridHeight,
  keyboardMove,
  keyboardResize,
  type LayoutItem,
  moveItem,
  pixelsToCells,
  ROW_HEIGHT,
  resizeItem,
  sameLayout,
  toPixels,
} from "@/lib/dashboards/layout";
import type { Panel } from "@/lib/dashboards/schema";

const NARROW = 640;
const KEYS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

export const layoutOf = (panels: readonly Panel[]): LayoutItem[] =>
  panels.map((p) => ({ id: p.id, ...p.gridPos }));

/** Reading order for a narrow screen: top to bottom, left to right, each panel full width. */
function stacked(items: readonly LayoutItem[]): LayoutItem[] {
  let y = 0;
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const byId = new Map(
    sorted.map((i) => {
      const out = { ...i, x: 0, y, w: 24 };
      y += i.h;
      return [i.id, out];
    }),
  );
  return items.map((i) => byId.get(i.id)!);
}

interface Drag {
  kind: "move" | "resize";
  id: string;
  startX: number;
  startY: number;
  origin: LayoutItem[];
}

function GripIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" fill="currentColor">
      {[3, 7, 11].flatMap((y) => [4, 10].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.2} />))}
    </svg>
  );
}

function ResizeIcon() {
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 12 12"
      aria-hidden="true"
      stroke="currentColor"
      strokeWidth={1.5}
    >
      <path d="M11 5 L5 11 M11 8.5 L8.5 11" />
    </svg>
  );
}

export function DashboardGrid({
  panels,
  editing,
  onLayout,
  renderPanel,
}: {
  panels: readonly Panel[];
  editing: boolean;
  onLayout?: (items: LayoutItem[]) => void;
  /** `moveHandle`: the move button, for the panel's title bar (null outside edit mode) */
  renderPanel: (panel: Panel, moveHandle: ReactNode) => ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [preview, setPreview] = useState<LayoutItem[] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const helpId = useId();

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const geometry: GridGeometry = { width, rowHeight: ROW_HEIGHT, gap: GRID_GAP };
  const saved = layoutOf(panels);
  const current = preview ?? saved;
  const shown = !editing && width > 0 && width < NARROW ? stacked(current) : current;
  const titleOf = (id: string) => panels.find((p) => p.id === id)?.title || "untitled";

  function commit(next: LayoutItem[], message: string) {
    if (!sameLayout(next, saved)) onLayout?.(next);
    setAnnouncement(message);
  }

  function announce(item: LayoutItem | undefined, kind: "move" | "resize"): string {
    if (!item) return "";
    return kind === "move"
      ? `${titleOf(item.id)} at column ${item.x + 1}, row ${item.y + 1}`
      : `${titleOf(item.id)} is ${item.w} columns wide and ${item.h} rows high`;
  }

  function start(e: PointerEvent<HTMLElement>, kind: Drag["kind"], id: string) {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ kind, id, startX: e.clientX, startY: e.clientY, origin: saved });
    setPreview(saved);
  }

  function move(e: PointerEvent<HTMLElement>) {
    if (!drag) return;
    const cells = pixelsToCells(e.clientX - drag.startX, e.clientY - drag.startY, geometry);
    const item = drag.origin.find((i) => i.id === drag.id)!;
    setPreview(
      drag.kind === "move"
        ? moveItem(drag.origin, drag.id, { x: item.x + cells.dx, y: item.y + cells.dy })
        : resizeItem(drag.origin, drag.id, { w: item.w + cells.dx, h: item.h + cells.dy }),
    );
  }

  function end() {
    if (!drag) return;
    const next = preview ?? drag.origin;
    setDrag(null);
    setPreview(null);
    commit(
      next,
      announce(
        next.find((i) => i.id === drag.id),
        drag.kind,
      ),
    );
  }

  function key(e: KeyboardEvent<HTMLElement>, kind: Drag["kind"], id: string) {
    const dir = KEYS[e.key];
    if (!dir) return;
    e.preventDefault();
    const next = kind === "move" ? keyboardMove(saved, id, dir) : keyboardResize(saved, id, dir);
    commit(
      next,
      announce(
        next.find((i) => i.id === id),
        kind,
      ),
    );
  }

  const handleClass =
    "touch-none rounded bg-surface/90 text-muted shadow-sm ring-1 ring-border hover:text-fg focus-visible:text-fg";

  return (
    <div
      ref={box}
      className="relative w-full"
      style={{ height: gridHeight(shown, geometry) }}
      data-testid="dashboard-grid"
    >
      {width > 0 &&
        shown.map((item) => {
          const panel = panels.find((p) => p.id === item.id);
          if (!panel) return null;
          const px = toPixels(item, geometry);
          const dragging = drag?.id === item.id;
          return (
            <div
              key={item.id}
              data-testid="grid-item"
              data-panel-id={item.id}
              data-grid={`${item.x},${item.y},${item.w},${item.h}`}
              className={`absolute ${dragging ? "z-10 opacity-90" : "transition-[left,top,width,height] duration-150"}`}
              style={{ left: px.left, top: px.top, width: px.width, height: px.height }}
            >
              {renderPanel(
                panel,
                editing ? (
                  <button
                    type="button"
                    aria-label={`Move panel ${titleOf(item.id)}`}
                    aria-describedby={helpId}
                    title="Drag to move (or focus and use the arrow keys)"
                    data-testid="move-handle"
                    className={`cursor-grab p-1 active:cursor-grabbing ${handleClass}`}
                    onPointerDown={(e) => start(e, "move", item.id)}
                    onPointerMove={move}
                    onPointerUp={end}
                    onPointerCancel={end}
                    onKeyDown={(e) => key(e, "move", item.id)}
                  >
                    <GripIcon />
                  </button>
                ) : null,
              )}
              {editing && (
                <button
                  type="button"
                  aria-label={`Resize panel ${titleOf(item.id)}`}
                  aria-describedby={helpId}
                  title="Drag to resize (or focus and use the arrow keys)"
                  data-testid="resize-handle"
                  className={`absolute right-0.5 bottom-0.5 cursor-se-resize p-0.5 ${handleClass}`}
                  onPointerDown={(e) => start(e, "resize", item.id)}
                  onPointerMove={move}
                  onPointerUp={end}
                  onPointerCancel={end}
                  onKeyDown={(e) => key(e, "resize", item.id)}
                >
                  <ResizeIcon />
                </button>
              )}
            </div>
          );
        })}
      <p id={helpId} className="sr-only">
        Arrow keys move the panel (or, on the resize handle, change its width and height).
      </p>
      <p className="sr-only" aria-live="polite" data-testid="grid-announcement">
        {announcement}
      </p>
    </div>
  );
}

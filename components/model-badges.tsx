// Badges shared by the overview and the model page: task (with "inferred" hint) and health.

import type { Health, Task } from "./hooks/types";
import { Badge, type Tone } from "./ui/badge";

const HEALTH: Record<Health, { tone: Tone; label: string; hint: string }> = {
  ok: { tone: "good", label: "ok", hint: "Predictions and labels are arriving" },
  stale: { tone: "warn", label: "stale", hint: "No predictions recently" },
  "no-labels": { tone: "info", label: "no labels", hint: "Predictions arrive but no ground-truth labels" },
  "no-data": { tone: "muted", label: "no data", hint: "No predictions received yet" },
};

export function HealthBadge({ health }: { health: Health }) {
  const h = HEALTH[health] ?? HEALTH["no-data"];
  return (
    <Badge tone={h.tone} title={h.hint}>
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-current" />
      {h.label}
    </Badge>
  );
}

export function TaskBadge({ task, source }: { task: Task | null; source?: "set" | "inferred" | null }) {
  if (!task) return <Badge tone="muted">task unknown</Badge>;
  const inferred = source === "inferred";
  return (
    <Badge tone="neutral" title={inferred ? "Inferred from the predictions and labels received" : undefined}>
      {task}
      {inferred && <span className="font-normal text-muted">· inferred</span>}
    </Badge>
  );
}

"use client";
// A panel's JSON, as it sits in the dashboard's definition: to read or copy into another dashboard's JSON.
import type { Panel } from "@/lib/dashboards/schema";
import { CodeBlock } from "../ui/code-block";
import { Dialog } from "./dialog";

export function PanelJsonDialog({ panel, onClose }: { panel: Panel; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} title={`Panel JSON: ${panel.title || panel.id}`} testId="panel-json">
      <CodeBlock code={JSON.stringify(panel, null, 2)} />
    </Dialog>
  );
}

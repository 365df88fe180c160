"use client";
// Time range (1h, 24h, 7d, 30d, custom) and version filter, both kept in the URL so links share.
import { useId } from "react";
import type { RangeSelection, ResolvedRange } from "@/lib/charts/range";
import { rangeInput, TimeRangePicker } from "../ui/time-range-picker";

export function RangePicker({
  selection,
  resolved,
  versions,
  version,
  onChange,
}: {
  selection: RangeSelection;
  resolved: ResolvedRange;
  versions: string[];
  version: string | null;
  onChange: (sel: RangeSelection, version: string | null) => void;
}) {
  const id = useId();
  return (
    <TimeRangePicker
      selection={selection}
      resolved={resolved}
      onChange={(sel) => onChange(sel, version)}
      extra={
        <>
          <label htmlFor={`${id}-version`} className="sr-only">
            Version
          </label>
          <select
            id={`${id}-version`}
            className={rangeInput}
            value={version ?? ""}
            onChange={(e) => onChange(selection, e.target.value || null)}
          >
            <option value="">All versions</option>
            {versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </>
      }
    />
  );
}

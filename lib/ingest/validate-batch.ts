// Splits a parsed batch into valid rows and per-row errors ("index N: field: reason").
import type { z } from "zod";
import { HttpError } from "../http/errors";

export interface RowError {
  index: number;
  error: string;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.filter((p) => typeof p !== "symbol").join(".");
      // Messages for nested features already name the feature; avoid "features.age: feature "age" …".
      // Messages that name their field already ("url: required", "kind is required") keep their own wording.
      const names = (field: string) =>
        issue.message.startsWith(`${field} `) || issue.message.startsWith(`${field}:`);
      if (!path || issue.message.startsWith("feature ") || names(path)) return issue.message;
      return names(String(issue.path[0] ?? "")) ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
}

/** Reads `body[field]` as an array of rows, checks the batch limit, validates each row and flags repeated ids. */
export function validateBatch<S extends z.ZodType>(
  body: unknown,
  field: string,
  rowSchema: S,
  maxRows: number,
  fast?: (input: unknown) => z.output<S> | null,
): { rows: Array<{ index: number; row: z.output<S> }>; rejected: RowError[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, `body must be a JSON object with a "${field}" array`);
  const list = (body as Record<string, unknown>)[field];
  if (list === undefined) throw new HttpError(400, `${field}: required (an array of rows)`);
  if (!Array.isArray(list)) throw new HttpError(400, `${field}: must be an array of rows`);
  if (list.length > maxRows)
    throw new HttpError(
      413,
      `${field}: batch has ${list.length} rows; the limit is ${maxRows} (VIGIL_MAX_BATCH_ROWS). Split it into smaller batches.`,
    );
  const rows: Array<{ index: number; row: z.output<S> }> = [];
  const rejected: RowError[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    let data: unknown = fast?.(item) ?? null;
    if (data === null) {
      const parsed = rowSchema.safeParse(item);
      if (!parsed.success) {
        rejected.push({ index, error: describeIssues(parsed.error) });
        return;
      }
      data = parsed.data;
    }
    const row = data as { id: string; model: string };
    const key = `${row.model}\u0000${row.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({
        index,
        error: `id: "${row.id}" repeats row ${first} of this batch (model ${row.model})`,
      });
      return;
    }
    seen.set(key, index);
    rows.push({ index, row: data as z.output<S> });
  });
  return { rows, rejected };
}

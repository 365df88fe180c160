// The lines the server rejected: line number and message, in file order, with a note when it listed only
// some of them.
import { formatInteger } from "@/lib/charts/format";
import { moreErrorsNote, stripLinePrefix } from "@/lib/import/ui";

export function ImportErrors({
  errors,
  rejected,
}: {
  errors: Array<{ line: number; message: string }>;
  rejected: number;
}) {
  if (errors.length === 0) return null;
  const note = moreErrorsNote(errors.length, rejected);
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Rejected lines</h3>
      <div className="max-h-96 overflow-auto rounded-md border border-border">
        <table className="w-full text-sm" data-testid="import-errors">
          <thead className="sticky top-0 border-b border-border bg-surface text-left text-xs text-muted">
            <tr>
              <th scope="col" className="w-20 px-3 py-2 text-right font-medium">
                Line
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Problem
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr key={`${e.line}:${e.message}`} className="border-b border-border last:border-0">
                <td className="px-3 py-1.5 text-right align-top font-mono tabular-nums">
                  {formatInteger(e.line)}
                </td>
                <td className="min-w-0 break-words px-3 py-1.5 align-top">
                  {stripLinePrefix(e.message, e.line)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {note && (
        <p className="text-xs text-muted" data-testid="import-errors-note">
          {note}
        </p>
      )}
    </div>
  );
}

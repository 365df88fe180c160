"use client";
// The rules list's actions: new group from scratch, new from a template, import a rule file, export.
import Link from "next/link";
import { primaryButton, secondaryButton } from "../experiments/form-fields";
import { exportUrl } from "../hooks/use-alerting-rules";

export function RulesMenu({
  canEdit,
  onImport,
  importing,
}: {
  canEdit: boolean;
  onImport: () => void;
  importing: boolean;
}) {
  return (
    <>
      {!canEdit && <span className="text-xs text-muted">Only editors and admins can change rules.</span>}
      <a
        href={exportUrl(true)}
        download="vigil-rules.yml"
        className={secondaryButton}
        data-testid="rules-export"
      >
        Export
      </a>
      {canEdit && (
        <>
          <button
            type="button"
            className={secondaryButton}
            onClick={onImport}
            aria-expanded={importing}
            data-testid="rules-import"
          >
            Import rule file
          </button>
          <Link
            href="/alerting/rules/new?template=1"
            className={secondaryButton}
            data-testid="rule-from-template"
          >
            From template
          </Link>
          <Link href="/alerting/rules/new" className={primaryButton} data-testid="rule-new">
            New rule
          </Link>
        </>
      )}
    </>
  );
}

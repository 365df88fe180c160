"use client";
// The dashboard's buttons: Export for everyone; for editors Edit, and in edit mode Add panel, Settings, Save,
// Discard and Done.
import { primaryButton, secondaryButton } from "../experiments/form-fields";

export function DashboardToolbar({
  canEdit,
  editing,
  dirty,
  saving,
  exportHref,
  onEdit,
  onDone,
  onAddPanel,
  onSettings,
  onSave,
  onDiscard,
  onShare,
}: {
  canEdit: boolean;
  editing: boolean;
  dirty: boolean;
  saving: boolean;
  exportHref: string;
  onEdit: () => void;
  onDone: () => void;
  onAddPanel: () => void;
  onSettings: () => void;
  onSave: () => void;
  onDiscard: () => void;
  /** "Share → Embed" of the whole dashboard (H7, components/embeds/share-dialog.tsx) */
  onShare?: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="dashboard-toolbar">
      {editing && (
        <>
          <button type="button" className={secondaryButton} onClick={onAddPanel} data-testid="add-panel">
            Add panel
          </button>
          <button
            type="button"
            className={secondaryButton}
            onClick={onSettings}
            data-testid="dashboard-settings-button"
          >
            Settings
          </button>
        </>
      )}
      {onShare && (
        <button type="button" className={secondaryButton} onClick={onShare} data-testid="share-dashboard">
          Share → Embed
        </button>
      )}
      <a className={secondaryButton} href={exportHref} download title="Download the saved dashboard as JSON">
        Export JSON
      </a>
      {canEdit && dirty && (
        <button type="button" className={secondaryButton} onClick={onDiscard} disabled={saving}>
          Discard changes
        </button>
      )}
      {canEdit && (editing || dirty) && (
        <button
          type="button"
          className={primaryButton}
          onClick={onSave}
          disabled={!dirty || saving}
          data-testid="save-dashboard"
        >
          {saving ? "Saving…" : "Save"}
        </button>
      )}
      {canEdit &&
        (editing ? (
          <button type="button" className={secondaryButton} onClick={onDone} data-testid="done-editing">
            Done editing
          </button>
        ) : (
          <button type="button" className={secondaryButton} onClick={onEdit} data-testid="edit-dashboard">
            Edit
          </button>
        ))}
    </div>
  );
}

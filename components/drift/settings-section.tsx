"use client";
// "Reference & settings" in the Drift tab, opened from the summary's reference line: the active reference and
// the choice of another, the upload of a reference dataset and the uploaded ones, and the tests and thresholds.
// Focus moves to its heading when it opens; Escape or Close closes it (the tab puts focus back on the toggle).
// Only editors and admins can change anything: viewers sees it all read-only, with a note.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";
import type { DriftConfig, DriftResponse } from "@/lib/charts/drift";
import { withReference } from "@/lib/charts/drift-settings";
import { useDriftConfig } from "../hooks/use-drift";
import {
  useCanAdminister,
  useDeleteReference,
  useReferences,
  useSaveDriftConfig,
} from "../hooks/use-drift-settings";
import { useModels } from "../hooks/use-models";
import { Skeleton } from "../ui/skeleton";
import { ReferenceChooser } from "./reference-active";
import { ReferenceList } from "./reference-list";
import { ReferenceUpload } from "./reference-upload";
import { ColumnSettings } from "./settings-columns";

export const DRIFT_SETTINGS_ID = "drift-settings";

function Block({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-md border border-border p-3 sm:p-4">
      <h3 id={id} className="text-sm font-semibold">
        {title}
      </h3>
      {description && <p className="mt-0.5 text-xs text-muted">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

export function DriftSettings({
  model,
  drift,
  onClose,
}: {
  model: string;
  /** The drift answer (features, their types and tests); null when it could not be loaded. */
  drift: DriftResponse | null;
  onClose: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement | null>(null);
  const config = useDriftConfig(model);
  const references = useReferences(model);
  const canAdminister = useCanAdminister(model);
  const save = useSaveDriftConfig(model);
  const remove = useDeleteReference(model);
  const models = useModels();
  const canEdit = canAdminister === true;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const versions = models.data?.models.find((m) => m.name === model)?.versions.map((v) => v.name) ?? [];
  const saved: DriftConfig | undefined = config.data?.config;
  const profiles = references.data?.profiles ?? [];

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  }

  return (
    <section
      id={DRIFT_SETTINGS_ID}
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
      className="space-y-4 rounded-lg border border-border bg-surface p-4 shadow-sm"
      data-testid="drift-settings"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
            Reference &amp; settings
          </h2>
          <p className="mt-0.5 text-xs text-muted">
            What drift is measured against, and how. A change applies to the table at once; the worker then
            rewrites the hourly drift series.
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md border border-border px-2.5 py-1 text-sm text-fg hover:bg-surface-2"
        >
          Close<span className="sr-only"> reference and settings</span>
        </button>
      </div>
      {canAdminister === false && (
        <p
          className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-fg"
          data-testid="drift-settings-readonly"
        >
          <span className="font-medium">Only editors and admins can change drift settings.</span> You can see
          them here; ask an admin to change the reference or the tests, or use an API key with the{" "}
          <code className="font-mono">admin</code> scope.
        </p>
      )}
      {config.error && !saved ? (
        <p role="alert" className="text-sm text-bad">
          Could not load the drift settings: {config.error.message}.
        </p>
      ) : !saved ? (
        <Skeleton className="h-40 w-full" />
      ) : (
        <>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Block title="Reference">
              <ReferenceChooser
                drift={drift}
                config={saved}
                profiles={profiles}
                versions={versions}
                canEdit={canEdit}
                saving={save.isPending}
                onSave={(reference) => save.mutateAsync((latest) => withReference(latest, reference))}
              />
            </Block>
            <Block
              title="Reference datasets"
              description="Upload the training set or a validated sample; drift against it uses its column sketches."
            >
              <div className="space-y-4">
                <ReferenceUpload model={model} canEdit={canEdit} profiles={profiles} />
                <div className="space-y-2">
                  <h4 className="text-xs font-semibold text-muted">Uploaded</h4>
                  {references.error && !references.data ? (
                    <p role="alert" className="text-sm text-bad">
                      Could not load the datasets: {references.error.message}.
                    </p>
                  ) : references.data ? (
                    <ReferenceList
                      profiles={profiles}
                      active={references.data.active}
                      canEdit={canEdit}
                      busy={save.isPending}
                      onUse={(name) => save.mutateAsync((latest) => withReference(latest, { profile: name }))}
                      onDelete={(name) => remove.mutateAsync(name)}
                    />
                  ) : (
                    <Skeleton className="h-16 w-full" />
                  )}
                </div>
              </div>
            </Block>
          </div>
          <Block
            title="Tests and thresholds"
            description="Auto is what Evidently would choose for the column's type and size. Prediction, score and label take the model-wide test."
          >
            <ColumnSettings
              drift={drift}
              config={saved}
              canEdit={canEdit}
              saving={save.isPending}
              onSave={(change) => save.mutateAsync(change)}
            />
          </Block>
        </>
      )}
    </section>
  );
}

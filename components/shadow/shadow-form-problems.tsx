"use client";
// A refused shadow upload, next to the form: the server's message, its problems one per line, and the model's
// signature (inputs and outputs with their types and shapes) so the mapping can be fixed.
import type { ShadowUploadFailure, TensorInfo } from "@/lib/charts/shadow-form";
import { tensorText } from "@/lib/charts/shadow-form";
import { AlertIcon } from "../icons";

function Tensors({ title, tensors }: { title: string; tensors: readonly TensorInfo[] }) {
  return (
    <div>
      <h4 className="text-xs font-medium text-muted">{title}</h4>
      <ul className="mt-0.5 space-y-0.5">
        {tensors.map((t) => (
          <li key={t.name} className="break-all font-mono text-xs">
            <span className="font-medium">{t.name}</span>: {tensorText(t)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ShadowFormProblems({ failure }: { failure: ShadowUploadFailure }) {
  return (
    <div
      role="alert"
      className="space-y-2 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm"
      data-testid="shadow-form-error"
    >
      <p className="flex items-start gap-2 font-medium text-bad">
        <AlertIcon className="mt-0.5 shrink-0" />
        {failure.title}
      </p>
      {failure.problems.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-6 break-words" data-testid="shadow-form-problems">
          {failure.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="break-words pl-6">{failure.message}</p>
      )}
      {failure.signature && (
        <section
          aria-label="The model's signature"
          className="rounded-md border border-border bg-surface px-3 py-2"
          data-testid="shadow-form-signature"
        >
          <h3 className="text-xs font-semibold">What the model expects</h3>
          <div className="mt-1 grid grid-cols-1 gap-2 sm:grid-cols-2">
            <Tensors title="Inputs" tensors={failure.signature.inputs} />
            <Tensors title="Outputs" tensors={failure.signature.outputs} />
          </div>
        </section>
      )}
      <p className="text-xs text-muted">Nothing was stored. Fix the form and submit again.</p>
    </div>
  );
}

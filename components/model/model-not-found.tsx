// Shown when the API answers 404 for a model name.
import Link from "next/link";
import { SendPredictionsHelp } from "../ingest-help";
import { EmptyState } from "../ui/empty-state";

export function ModelNotFound({ name }: { name: string }) {
  return (
    <div className="space-y-4" data-testid="model-not-found">
      <h1 className="text-xl font-semibold tracking-tight">Model not found</h1>
      <EmptyState title={`No model named “${name}” has sent any data.`}>
        <p>
          Check the name, or go back to the{" "}
          <Link href="/" className="text-accent underline">
            overview
          </Link>{" "}
          for the list of models. A model is created by its first prediction:
        </p>
        <SendPredictionsHelp />
      </EmptyState>
    </div>
  );
}

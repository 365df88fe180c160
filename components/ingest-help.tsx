"use client";
// What to do next when data is missing: create an API key, then POST predictions or labels.
import { CodeBlock } from "./ui/code-block";
import { useOrigin } from "./ui/use-origin";

export const CREATE_KEY_COMMAND = "npm run vigil -- apikey create --name my-service --scope ingest";

export function predictionCurl(origin: string, model = "churn"): string {
  const body = JSON.stringify({
    predictions: [
      {
        id: "req-1",
        model,
        version: "v1",
        timestamp: "2026-11-29T10:00:00Z",
        features: { age: 42 },
        prediction: 1,
        score: 0.83,
      },
    ],
  });
  return `curl -X POST ${origin}/api/v1/predictions \\
  -H "Authorization: Bearer <API key>" \\
  -H "Content-Type: application/json" \\
  -d '${body}'`;
}

export function labelCurl(origin: string, model: string): string {
  const body = JSON.stringify({ labels: [{ id: "req-1", model, label: 1 }] });
  return `curl -X POST ${origin}/api/v1/labels \\
  -H "Authorization: Bearer <API key>" \\
  -H "Content-Type: application/json" \\
  -d '${body}'`;
}

export function CreateKeyStep() {
  return (
    <>
      <p>
        Create an API key with the <code className="font-mono">ingest</code> scope on the server:
      </p>
      <CodeBlock code={CREATE_KEY_COMMAND} />
    </>
  );
}

export function SendPredictionsHelp() {
  const origin = useOrigin();
  return (
    <div className="space-y-3">
      <CreateKeyStep />
      <p>Then send predictions from your serving code; the model appears here with the first one.</p>
      <CodeBlock code={predictionCurl(origin)} />
      <p>
        When the ground truth is known, send labels with the same <code className="font-mono">id</code> to{" "}
        <code className="font-mono">POST /api/v1/labels</code>.
      </p>
    </div>
  );
}

export function SendLabelsHelp({ model }: { model: string }) {
  const origin = useOrigin();
  return (
    <div className="space-y-3">
      <p>
        Send the ground truth for earlier predictions (same <code className="font-mono">id</code>) with an API
        key that has the <code className="font-mono">ingest</code> scope (
        <code className="font-mono">{CREATE_KEY_COMMAND}</code>):
      </p>
      <CodeBlock code={labelCurl(origin, model)} />
    </div>
  );
}

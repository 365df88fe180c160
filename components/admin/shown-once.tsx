"use client";
import { secondaryButton } from "../experiments/form-fields";
import { AlertIcon } from "../icons";
// A secret the server will never show again (an API key, an invite or reset link): the value with a copy
// button, a warning, and a button to put it away.
import { CodeBlock } from "../ui/code-block";

export function ShownOnce({
  title,
  value,
  note,
  onDone,
  testId,
}: {
  title: string;
  value: string;
  note: string;
  onDone: () => void;
  testId: string;
}) {
  return (
    <div
      role="status"
      aria-label={title}
      data-testid={testId}
      className="space-y-2 rounded-md border border-warn/50 bg-warn/10 p-3 text-sm"
    >
      <p className="flex items-start gap-2 font-medium">
        <AlertIcon className="mt-0.5 shrink-0 text-warn" />
        {title}
      </p>
      <p className="text-muted">{note}</p>
      <CodeBlock code={value} />
      <button type="button" className={secondaryButton} onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}

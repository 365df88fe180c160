"use client";
// Pause/resume and delete (with an inline confirmation) for a saved rule group.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RuleGroupInfo } from "@/lib/alerts/api-schemas";
import { ConfirmButton, secondaryButton } from "../experiments/form-fields";
import { useDeleteRuleGroup, usePauseRuleGroup } from "../hooks/use-alerting-rules";
import { Badge } from "../ui/badge";

export function GroupAdmin({ group }: { group: RuleGroupInfo }) {
  const router = useRouter();
  const pause = usePauseRuleGroup(group.id);
  const remove = useDeleteRuleGroup(group.id);
  const [confirming, setConfirming] = useState(false);
  const error = pause.error ?? remove.error;
  return (
    <>
      {group.paused && <Badge tone="muted">paused: not evaluated</Badge>}
      <button
        type="button"
        className={secondaryButton}
        disabled={pause.isPending}
        onClick={() => pause.mutate(!group.paused)}
        data-testid="group-pause"
      >
        {group.paused ? "Resume" : "Pause"}
      </button>
      <ConfirmButton
        label="Delete group"
        question={`Delete ${group.name} and its ${group.rules.length} rules?`}
        confirmLabel="Delete"
        danger
        busy={remove.isPending}
        open={confirming}
        onOpenChange={setConfirming}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/alerting") })}
        testId="group-delete"
      />
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error.message}
        </span>
      )}
    </>
  );
}

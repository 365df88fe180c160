"use client";
// The rule-group editor (/alerting/rules/new and /alerting/rules/{id}): group settings, the list of rules,
// the selected rule's fields (?rule=NAME selects one) with its live preview graph, save / pause / delete.
// Server problems land next to the fields their paths name.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { RuleBody, RuleGroupInfo } from "@/lib/alerts/api-schemas";
import {
  bodyFromDraft,
  draftFromGroup,
  draftFromRule,
  emptyRule,
  type GroupDraft,
  newGroupDraft,
  placeProblems,
  type RuleDraft,
  selectedRuleIndex,
} from "@/lib/charts/alert-editor";
import { primaryButton, secondaryButton } from "../experiments/form-fields";
import { ProblemsError } from "../hooks/use-alerting-request";
import { useRuleGroup, useSaveRuleGroup } from "../hooks/use-alerting-rules";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { PageHeading } from "./alerting-bits";
import { GroupAdmin } from "./group-admin";
import { GroupFields } from "./group-fields";
import { RuleFields } from "./rule-fields";
import { RuleList } from "./rule-list";
import { RulePreview } from "./rule-preview";
import { TemplatePicker } from "./template-picker";

export function NewGroupEditor({ canEdit }: { canEdit: boolean }) {
  const params = useSearchParams();
  const fromTemplate = params.get("template") !== null;
  return <EditorBody group={null} canEdit={canEdit} initialPicker={fromTemplate} />;
}

export function GroupEditor({ groupId, canEdit }: { groupId: number; canEdit: boolean }) {
  const q = useRuleGroup(groupId);
  if (q.isPending)
    return (
      <LoadingRegion label="Loading the rule group">
        <Skeleton className="h-96 w-full" />
      </LoadingRegion>
    );
  if (!q.data)
    return (
      <EmptyState title="Rule group not found">
        <p>{q.error?.message ?? "It may have been deleted."}</p>
        <Link href="/alerting" className="text-accent hover:underline">
          Back to the rules
        </Link>
      </EmptyState>
    );
  return <EditorBody key={groupId} group={q.data.group} canEdit={canEdit} initialPicker={false} />;
}

function EditorBody({
  group,
  canEdit,
  initialPicker,
}: {
  group: RuleGroupInfo | null;
  canEdit: boolean;
  initialPicker: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [draft, setDraft] = useState<GroupDraft>(() =>
    group ? draftFromGroup(group) : { ...newGroupDraft(), rules: initialPicker ? [] : [emptyRule()] },
  );
  const [selected, setSelected] = useState(() => selectedRuleIndex(draft.rules, params.get("rule")));
  const [picking, setPicking] = useState(initialPicker);
  const [saved, setSaved] = useState(false);
  const save = useSaveRuleGroup(group?.id ?? null);
  const problems = useMemo(
    () => placeProblems(save.error instanceof ProblemsError ? save.error.problems : []),
    [save.error],
  );
  const rule = draft.rules[selected] ?? null;

  function update(patch: Partial<GroupDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  }
  function updateRule(index: number, next: RuleDraft) {
    update({ rules: draft.rules.map((r, i) => (i === index ? next : r)) });
  }
  function select(index: number) {
    setSelected(index);
    const name = draft.rules[index]?.name;
    if (group && name) router.replace(`${pathname}?rule=${encodeURIComponent(name)}`, { scroll: false });
  }
  function addRule(next: RuleDraft) {
    update({ rules: [...draft.rules, next] });
    setSelected(draft.rules.length);
  }
  function removeRule(index: number) {
    update({ rules: draft.rules.filter((_, i) => i !== index) });
    setSelected((s) => Math.max(0, s > index ? s - 1 : Math.min(s, draft.rules.length - 2)));
  }
  function addTemplate(body: RuleBody, groupName: string) {
    if (!draft.name) update({ name: groupName, rules: [...draft.rules, draftFromRule(body)] });
    else update({ rules: [...draft.rules, draftFromRule(body)] });
    setSelected(draft.rules.length);
    setPicking(false);
  }

  function submit() {
    save.mutate(bodyFromDraft(draft), {
      onSuccess: ({ group: savedGroup }) => {
        setSaved(true);
        if (!group) {
          const name = draft.rules[selected]?.name;
          router.replace(
            `/alerting/rules/${savedGroup.id}${name ? `?rule=${encodeURIComponent(name)}` : ""}`,
          );
        }
      },
    });
  }

  const generalError =
    save.error && (!(save.error instanceof ProblemsError) || save.error.problems.length === 0)
      ? save.error.message
      : save.error
        ? `${save.error.message}: see the marked fields`
        : null;

  return (
    <div className="space-y-4">
      <PageHeading
        title={group ? `Rule group ${group.name}` : "New rule group"}
        lead={
          <>
            Rules are evaluated in order every interval; a rule's output is visible to the rules after it.{" "}
            <Link href="/alerting" className="text-accent hover:underline">
              All rules
            </Link>
          </>
        }
        actions={group && canEdit ? <GroupAdmin group={group} /> : undefined}
      />
      {!canEdit && (
        <p className="text-sm text-muted">You can look but not change: only editors and admins edit rules.</p>
      )}
      <GroupFields draft={draft} onChange={update} issues={problems.group} disabled={!canEdit} />
      {picking && canEdit && <TemplatePicker onPick={addTemplate} onClose={() => setPicking(false)} />}
      <div className="grid min-w-0 gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <RuleList
          rules={draft.rules}
          selected={selected}
          onSelect={select}
          onAdd={canEdit ? (kind) => addRule(emptyRule(kind)) : undefined}
          onTemplate={canEdit ? () => setPicking(true) : undefined}
          problems={problems.rules}
        />
        <div className="min-w-0 space-y-4">
          {rule ? (
            <>
              <RuleFields
                key={rule.key}
                rule={rule}
                index={selected}
                onChange={(next) => updateRule(selected, next)}
                onRemove={canEdit ? () => removeRule(selected) : undefined}
                issues={problems.rules[selected] ?? {}}
                disabled={!canEdit}
              />
              <RulePreview rule={rule} datasource={draft.datasource || null} />
            </>
          ) : (
            <EmptyState title="No rules in this group">
              <p>Add an alerting rule, a recording rule, or start from a template.</p>
            </EmptyState>
          )}
        </div>
      </div>
      {canEdit && (
        <div className="sticky bottom-0 z-[1] -mx-4 flex flex-wrap items-center gap-3 border-t border-border bg-bg/95 px-4 py-3 backdrop-blur">
          <button
            type="button"
            className={primaryButton}
            onClick={submit}
            disabled={save.isPending}
            data-testid="group-save"
          >
            {save.isPending ? "Saving…" : group ? "Save group" : "Create group"}
          </button>
          <Link href="/alerting" className={secondaryButton}>
            Cancel
          </Link>
          {saved && !save.error && (
            <span role="status" className="text-sm text-good">
              Saved. The rules are evaluated from the next interval.
            </span>
          )}
          {generalError && (
            <div role="alert" className="text-sm text-bad" data-testid="group-save-error">
              <p>{generalError}</p>
              {problems.other.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

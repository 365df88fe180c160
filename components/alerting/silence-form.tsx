"use client";
// The silence form: matchers (prefilled from ?matchers=), start/end, an optional weekly schedule in a time
// zone, a comment, and a live list of the current alerts it would mute.
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import {
  type SilenceForm as Form,
  readMatchers,
  silenceRequest,
  toLocalInput,
  WEEKDAY_NAMES,
  wouldMute,
} from "@/lib/charts/alert-silence";
import { controlClass, Field, primaryButton } from "../experiments/form-fields";
import { useCreateSilence } from "../hooks/use-alerting-notify";
import { useAlerts } from "../hooks/use-alerting-reads";
import { LabelChips, StateBadge } from "./alerting-bits";

const HOUR = 3_600_000;

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

export function SilenceForm() {
  const params = useSearchParams();
  const router = useRouter();
  const create = useCreateSilence();
  const alerts = useAlerts();
  const [form, setForm] = useState<Form>(() => {
    const now = Date.now();
    return {
      matchers: params.get("matchers") ?? "",
      startsAt: toLocalInput(now),
      endsAt: toLocalInput(now + 2 * HOUR),
      recurring: false,
      weekdays: [6, 0],
      startTime: "00:00",
      endTime: "00:00",
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      comment: "",
    };
  });
  const [tried, setTried] = useState(false);
  const zones = useMemo(timeZones, []);
  const parsed = readMatchers(form.matchers);
  const muted = parsed.matchers && alerts.data ? wouldMute(parsed.matchers, alerts.data.alerts) : [];
  const { body, issues } = silenceRequest(form);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const show = (k: keyof typeof issues) =>
    tried || (k === "matchers" && form.matchers) ? issues[k] : undefined;

  function submit() {
    setTried(true);
    if (!body) return;
    create.mutate(body, { onSuccess: () => router.push("/alerting/silences") });
  }

  return (
    <form
      className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="silence-form"
    >
      <div className="min-w-0 space-y-3 rounded-lg border border-border bg-surface p-4">
        <Field
          label="Matchers"
          hint='e.g. {alertname="AccuracyLow", model=~"ranker|fraud"}'
          field="silence-matchers"
          issues={show("matchers") ? [show("matchers") as string] : undefined}
        >
          {(p) => (
            <input
              {...p}
              className={`${controlClass} font-mono`}
              value={form.matchers}
              onChange={(e) => set({ matchers: e.target.value })}
            />
          )}
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Starts"
            field="silence-starts"
            issues={show("startsAt") ? [show("startsAt") as string] : undefined}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                className={controlClass}
                value={form.startsAt}
                onChange={(e) => set({ startsAt: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Ends"
            field="silence-ends"
            issues={show("endsAt") ? [show("endsAt") as string] : undefined}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                className={controlClass}
                value={form.endsAt}
                onChange={(e) => set({ endsAt: e.target.value })}
              />
            )}
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.recurring}
            onChange={(e) => set({ recurring: e.target.checked })}
          />
          Only on a weekly schedule between those dates (e.g. every weekend)
        </label>
        {form.recurring && (
          <fieldset className="space-y-3 rounded-md border border-border p-3">
            <legend className="px-1 text-xs font-medium text-muted">Weekly schedule</legend>
            <fieldset className="flex flex-wrap gap-1">
              <legend className="sr-only">Weekdays</legend>
              {WEEKDAY_NAMES.map((name, day) => (
                <button
                  key={name}
                  type="button"
                  aria-pressed={form.weekdays.includes(day)}
                  onClick={() =>
                    set({
                      weekdays: form.weekdays.includes(day)
                        ? form.weekdays.filter((d) => d !== day)
                        : [...form.weekdays, day],
                    })
                  }
                  className="w-12 rounded-md border border-border py-1 text-xs aria-pressed:border-accent aria-pressed:bg-accent/15 aria-pressed:font-medium"
                >
                  {name}
                </button>
              ))}
            </fieldset>
            {show("weekdays") && <p className="text-xs text-bad">{show("weekdays")}</p>}
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label="From" hint="same as To: all day" field="silence-from">
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    className={controlClass}
                    value={form.startTime}
                    onChange={(e) => set({ startTime: e.target.value })}
                  />
                )}
              </Field>
              <Field label="To" field="silence-to">
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    className={controlClass}
                    value={form.endTime}
                    onChange={(e) => set({ endTime: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Time zone" field="silence-tz">
                {(p) => (
                  <select
                    {...p}
                    className={controlClass}
                    value={form.timezone}
                    onChange={(e) => set({ timezone: e.target.value })}
                  >
                    {!zones.includes(form.timezone) && <option value={form.timezone}>{form.timezone}</option>}
                    {zones.map((z) => (
                      <option key={z} value={z}>
                        {z}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </fieldset>
        )}
        <Field label="Comment" field="silence-comment">
          {(p) => (
            <textarea
              {...p}
              className={controlClass}
              rows={2}
              value={form.comment}
              placeholder="Why, and who to ask"
              onChange={(e) => set({ comment: e.target.value })}
            />
          )}
        </Field>
        {create.error && (
          <p role="alert" className="text-sm text-bad">
            {create.error.message}
          </p>
        )}
        <button
          type="submit"
          className={primaryButton}
          disabled={create.isPending}
          data-testid="silence-save"
        >
          {create.isPending ? "Creating…" : "Create silence"}
        </button>
      </div>
      <section
        aria-label="Alerts it would mute"
        className="min-w-0 space-y-2 rounded-lg border border-border bg-surface p-4"
        data-testid="silence-preview"
      >
        <h2 className="text-sm font-semibold">
          {parsed.matchers
            ? `Would mute ${muted.length} current ${muted.length === 1 ? "alert" : "alerts"}`
            : "Alerts it would mute"}
        </h2>
        {!parsed.matchers ? (
          <p className="text-xs text-muted">
            Type matchers to see which pending and firing alerts they match.
          </p>
        ) : muted.length === 0 ? (
          <p className="text-xs text-muted">
            No pending or firing alert matches now; the silence still applies to matching alerts that start
            later.
          </p>
        ) : (
          <ul className="space-y-2">
            {muted.map((a) => (
              <li key={`${a.groupId}/${a.fingerprint}`} className="flex min-w-0 flex-wrap items-center gap-2">
                <StateBadge state={a.state} />
                <LabelChips labels={a.labels} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </form>
  );
}

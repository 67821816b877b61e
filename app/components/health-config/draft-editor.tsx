import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

import { Button } from "#app/components/ui/button";
import { Field } from "#app/components/ui/form";
import { Panel } from "#app/components/ui/panel";
import { DRAFT_FIELDS } from "#worker/core/health/config-draft";

import { COMPONENT_LABEL, WEIGHT_FIELDS, type Workspace } from "./panels";
import { type Preview, PreviewPanel, SuggestionPanel } from "./preview-panels";

// The draft: six weights (their sum shown and enforced), three thresholds and a note. Without
// JavaScript "Preview" reloads the page with the draft in the URL; with it the preview follows
// every change (a fetcher on /admin/health-score/preview) and Save stays off until the weights
// add up to 100.

const THRESHOLD_FIELDS = [
  ["healthy_threshold", "Healthy from"],
  ["monitor_threshold", "Monitor from"],
  ["at_risk_threshold", "At risk from"],
] as const;

export function DraftEditor({ w }: { w: Workspace }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(DRAFT_FIELDS.map((f) => [f, Number.isFinite(w.draft[f]) ? String(w.draft[f]) : ""])),
  );
  const [hydrated, setHydrated] = useState(false);
  const fetcher = useFetcher<Preview | { error: { message: string } }>();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setHydrated(true), []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const sum = WEIGHT_FIELDS.reduce((s, [f]) => s + (Number(values[f]) || 0), 0);
  const sumOk = sum === 100 && WEIGHT_FIELDS.every(([f]) => values[f] !== "");
  const unchanged = DRAFT_FIELDS.every((f) => Number(values[f]) === w.current[f]);
  const live: Preview = fetcher.data && !("error" in fetcher.data) ? fetcher.data : w;
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";

  const schedule = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const p = new URLSearchParams({ scope: w.scope.key });
      const data = new FormData(form);
      for (const f of DRAFT_FIELDS) p.set(f, String(data.get(f) ?? ""));
      fetcher.load(`/admin/health-score/preview?${p}`);
    }, 250);
  };

  return (
    <Panel aria-labelledby="draft-h" className="my-2">
      <h2 id="draft-h" className="mt-0">
        Draft
      </h2>
      <Form
        method="post"
        aria-label="Draft formula"
        className="grid gap-3"
        onChange={(e) => {
          const t = e.target as HTMLInputElement;
          if (t.name && (DRAFT_FIELDS as readonly string[]).includes(t.name)) {
            setValues((v) => ({ ...v, [t.name]: t.value }));
            schedule(e.currentTarget);
          }
        }}
      >
        <input type="hidden" name="scope" value={w.scope.key} />
        <input type="hidden" name="base_id" value={w.active?.id ?? ""} />
        <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <legend className="mb-1">Weights (%)</legend>
          {WEIGHT_FIELDS.map(([f, k]) => (
            <Field key={f} label={COMPONENT_LABEL[k]}>
              <input
                name={f}
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                step={1}
                required
                value={values[f]}
                onChange={() => undefined}
                className="w-full"
              />
              <span className="text-[11px] font-normal">now {w.current[f]}%</span>
            </Field>
          ))}
        </fieldset>
        <p
          role="status"
          aria-live="polite"
          className={`weight-sum text-sm font-semibold ${sumOk ? "text-band-green" : "text-destructive"}`}
        >
          {sumOk
            ? "Weights sum to 100%."
            : sum === 100
              ? "Every weight needs a value."
              : sum < 100
                ? `Weights sum to ${sum}%: add ${100 - sum} points.`
                : `Weights sum to ${sum}%: remove ${sum - 100} points.`}
        </p>
        <fieldset className="grid grid-cols-3 gap-3 sm:max-w-xl">
          <legend className="mb-1">Band thresholds (score)</legend>
          {THRESHOLD_FIELDS.map(([f, label]) => (
            <Field key={f} label={label}>
              <input
                name={f}
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                step={1}
                required
                value={values[f]}
                onChange={() => undefined}
                className="w-full"
              />
            </Field>
          ))}
        </fieldset>
        <Field label="Why this change (kept with the version)" className="sm:max-w-xl">
          <input name="description" maxLength={500} placeholder="e.g. Usage predicts renewals best in the backtest" />
        </Field>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" name="intent" value="save" disabled={(hydrated && (!sumOk || unchanged)) || saving}>
            {saving ? "Saving…" : w.active ? `Save as version ${w.active.version + 1}` : "Save as version 1"}
          </Button>
          {/* Without JavaScript this is how the preview follows the draft. */}
          <Button type="submit" variant="outline" formMethod="get" formNoValidate>
            Preview
          </Button>
          <Link to={`?scope=${encodeURIComponent(w.scope.key)}`} className="text-[13px]">
            Discard the draft
          </Link>
          {hydrated && unchanged ? (
            <span className="text-[13px] text-muted-foreground">The draft is the formula in force.</span>
          ) : null}
        </div>
      </Form>
      <div className="mt-3 grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <PreviewPanel
          p={live}
          busy={fetcher.state !== "idle"}
          error={fetcher.data && "error" in fetcher.data ? fetcher.data.error.message : null}
        />
        <SuggestionPanel p={live} scopeKey={w.scope.key} draft={values} />
      </div>
    </Panel>
  );
}

import { Form, Link } from "@remix-run/react";

import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Button } from "#app/components/ui/button";
import { Field } from "#app/components/ui/form";
import { Panel } from "#app/components/ui/panel";
import { Table } from "#app/components/ui/table";
import { formatDate, titleCase } from "#app/lib/format";
import { CONTRACT_TIERS } from "#worker/core/enums";
import type { healthConfigWorkspace } from "#worker/services/health/config-workspace";

// The health-score configuration page's read-only parts: which scope is being edited, the
// formula in force, and the version history with diffs and revert.

export type Workspace = Awaited<ReturnType<typeof healthConfigWorkspace>>;

export const COMPONENT_LABEL = {
  usage: "Usage",
  adoption: "Feature adoption",
  support: "Support",
  relationship: "Relationship",
  contract: "Contract",
  outcome: "Outcomes",
} as const;
export const WEIGHT_FIELDS = [
  ["usage_weight", "usage"],
  ["adoption_weight", "adoption"],
  ["support_weight", "support"],
  ["relationship_weight", "relationship"],
  ["contract_weight", "contract"],
  ["outcome_weight", "outcome"],
] as const;

export function ScopePicker({
  current,
  scopes,
  choices,
}: {
  current: Workspace["scope"];
  scopes: Workspace["scopes"];
  choices: Workspace["choices"];
}) {
  const configured = new Set(scopes.map((s) => s.key));
  return (
    <Panel aria-labelledby="scope-h" className="my-2">
      <h2 id="scope-h" className="mt-0">
        Scope
      </h2>
      <p className="text-[13px] text-muted-foreground">
        The most specific formula wins: a client's own, then its segment's, then its tier's, then the default.
      </p>
      <nav aria-label="Configured scopes" className="flex flex-wrap gap-2 text-[13px]">
        {scopes.map((s) => (
          <Link
            key={s.key}
            to={`?scope=${encodeURIComponent(s.key)}`}
            prefetch="intent"
            aria-current={s.key === current.key ? "page" : undefined}
            className="rounded-full border border-border px-3 py-1 no-underline aria-[current=page]:border-primary aria-[current=page]:bg-accent aria-[current=page]:font-semibold"
          >
            {s.label} · v{s.version}
          </Link>
        ))}
      </nav>
      <AutoSubmitForm method="get" className="mt-3 flex flex-wrap items-end gap-2" aria-label="Choose a scope">
        <Field label="Edit the formula of">
          <select name="scope" defaultValue={current.key} className="max-w-80">
            <option value="default">Default (all clients)</option>
            <optgroup label="Contract tier">
              {CONTRACT_TIERS.map((t) => (
                <option key={t} value={`tier:${t}`}>
                  {titleCase(t)} tier{configured.has(`tier:${t}`) ? "" : " (new)"}
                </option>
              ))}
            </optgroup>
            <optgroup label="Segment">
              {choices.segments.map((s) => (
                <option key={s} value={`segment:${s}`}>
                  {s}
                  {configured.has(`segment:${s}`) ? "" : " (new)"}
                </option>
              ))}
            </optgroup>
            <optgroup label="One client">
              {choices.clients.map((c) => (
                <option key={c.id} value={`client:${c.id}`}>
                  {c.name}
                  {configured.has(`client:${c.id}`) ? "" : " (new)"}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
        <Button type="submit" size="sm" variant="outline">
          Open
        </Button>
      </AutoSubmitForm>
    </Panel>
  );
}

export function FormulaSummary({
  scope,
  active,
  current,
}: {
  scope: Workspace["scope"];
  active: Workspace["active"];
  current: Workspace["current"];
}) {
  return (
    <Panel aria-labelledby="formula-h" className="my-2">
      <h2 id="formula-h" className="mt-0">
        Current formula · {scope.label}
      </h2>
      <p className="text-[13px]">
        {active ? (
          <>
            Version {active.version} (“{active.name}”), saved {formatDate(active.created_at)}.
            {active.description ? ` ${active.description}` : ""}
          </>
        ) : (
          <>No formula of its own yet: these clients follow the one below. Saving creates version 1 for this scope.</>
        )}
      </p>
      <p className="formula break-words font-mono text-[13px]" aria-label="Formula">
        Health = {WEIGHT_FIELDS.map(([f, k]) => `${current[f]}% × ${COMPONENT_LABEL[k]}`).join(" + ")}
      </p>
      <p className="text-[13px]">
        Bands: Healthy ≥ {current.healthy_threshold} · Monitor {current.monitor_threshold}–
        {current.healthy_threshold - 1} · At risk {current.at_risk_threshold}–{current.monitor_threshold - 1} · Critical
        &lt; {current.at_risk_threshold}
      </p>
    </Panel>
  );
}

export function HistoryPanel({
  history,
  scopeKey,
  activeId,
}: {
  history: Workspace["history"];
  scopeKey: string;
  activeId: string | null;
}) {
  return (
    <Panel aria-labelledby="history-h" className="my-2">
      <h2 id="history-h" className="mt-0">
        History
      </h2>
      {history.length === 0 ? (
        <p className="text-[13px] text-muted-foreground">No versions yet for this scope.</p>
      ) : (
        <Table compact aria-label="Versions" className="table-fixed">
          <colgroup>
            <col className="w-20" />
            <col className="w-40" />
            <col />
            <col className="w-36" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">What changed</th>
              <th scope="col">
                <span className="sr-only">Revert</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id} className={h.is_active ? "me" : undefined}>
                <th scope="row">
                  v{h.version}
                  {h.is_active ? (
                    <span className="block text-xs font-normal text-muted-foreground">in force</span>
                  ) : null}
                </th>
                <td>
                  {formatDate(h.created_at)}
                  <span className="block text-xs text-muted-foreground">{h.author}</span>
                </td>
                <td className="break-words">
                  {h.changes === null ? (
                    <span>
                      First version:{" "}
                      {WEIGHT_FIELDS.map(([, k]) => `${COMPONENT_LABEL[k]} ${h.formula.weights[k]}%`).join(", ")}
                    </span>
                  ) : h.changes.length === 0 ? (
                    <span className="text-muted-foreground">Same formula as the version before.</span>
                  ) : (
                    <ul className="diff flex flex-wrap gap-x-3 gap-y-1">
                      {h.changes.map((c) => (
                        <li key={c.field}>
                          {c.label} <del className="text-muted-foreground">{c.from}</del> →{" "}
                          <ins className="font-semibold no-underline">{c.to}</ins>
                        </li>
                      ))}
                    </ul>
                  )}
                  {h.description ? <span className="block text-xs text-muted-foreground">{h.description}</span> : null}
                </td>
                <td>
                  {!h.is_active && activeId ? (
                    <Form
                      method="post"
                      title={
                        h.revert_changes.length
                          ? `Reverting changes: ${h.revert_changes.map((c) => `${c.label} ${c.from} → ${c.to}`).join("; ")}`
                          : "Same formula as the one in force"
                      }
                    >
                      <input type="hidden" name="intent" value="revert" />
                      <input type="hidden" name="scope" value={scopeKey} />
                      <input type="hidden" name="version_id" value={h.id} />
                      <input type="hidden" name="active_id" value={activeId} />
                      <Button type="submit" size="sm" variant="outline" disabled={h.revert_changes.length === 0}>
                        Revert to v{h.version}
                      </Button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Panel>
  );
}

import { Form, useNavigation } from "@remix-run/react";

import { Alert } from "#app/components/ui/alert";
import { Button } from "#app/components/ui/button";
import { Panel } from "#app/components/ui/panel";
import { formatDate, formatUsd, titleCase } from "#app/lib/format";
import type { clientCrm } from "#worker/services/crm/client-crm";

type Crm = Awaited<ReturnType<typeof clientCrm>>;

/**
 * The client in its CRMs: open opportunities, the last sync, and when the data may be stale
 * (an error, or no successful pull for two hours) the PRD's notice with a retry.
 */
export function CrmPanel({ crm, error }: { crm: Crm; error: string | null }) {
  const navigation = useNavigation();
  const retrying = navigation.state !== "idle" && navigation.formData?.get("intent") === "crm_sync";
  if (crm.links.length === 0 && crm.opportunities.length === 0) return null;
  return (
    <Panel className="crm-panel mt-0" aria-labelledby="crm-title">
      <h2 id="crm-title" className="text-sm font-semibold">
        CRM
      </h2>
      {crm.links.map((l) => (
        <div key={l.provider} className="mt-1 text-[13px]">
          {l.stale ? (
            <Alert className="my-1">
              <strong>CRM data may be stale.</strong> {titleCase(l.provider)} last synced{" "}
              {l.last_sync_at ? formatDate(l.last_sync_at) : "never"}.
              {l.error ? <span className="block text-xs">{l.error}</span> : null}
            </Alert>
          ) : (
            <p>
              {titleCase(l.provider)}: synced {formatDate(l.last_sync_at)}
            </p>
          )}
        </div>
      ))}
      {crm.links.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="crm_sync" />
          <Button type="submit" size="sm" variant="outline" disabled={retrying}>
            {retrying ? "Syncing…" : "Sync now"}
          </Button>
        </Form>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-destructive">
          {error}
        </p>
      ) : null}
      {crm.opportunities.length ? (
        <>
          <h3 className="mt-3 text-[13px] font-semibold">Open opportunities</h3>
          <ul className="opportunities mt-1 grid gap-1 text-[13px]">
            {crm.opportunities.map((o) => (
              <li key={`${o.provider}-${o.crm_id}`}>
                {o.name} · {o.stage ?? "no stage"} · {formatUsd(o.amount)} · closes {o.close_date ?? "—"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Panel>
  );
}

import { Link } from "@remix-run/react";

import { SEVERITY_TONE } from "#app/components/alerts/severity";
import { Badge } from "#app/components/ui/badge";
import { Panel } from "#app/components/ui/panel";
import type { ApiAlert } from "#worker/services/alerts/alert-view";

/** The client's open alerts beside its detail, most severe first, linking to the inbox to act. */
export function ClientAlerts({ clientId, alerts, total }: { clientId: string; alerts: ApiAlert[]; total: number }) {
  return (
    <Panel className="client-alerts mt-0" aria-labelledby="client-alerts-title">
      <h2 id="client-alerts-title" className="text-sm font-semibold">
        Open alerts ({total})
      </h2>
      {alerts.length ? (
        <ul className="mt-2 grid gap-1 text-[13px]">
          {alerts.map((a) => (
            <li key={a.id}>
              <Badge tone={SEVERITY_TONE[a.severity]} className="mr-1 uppercase">
                {a.severity}
              </Badge>
              {a.title.replace(/^[^:]+: /, "")}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-[13px] text-muted-foreground">None.</p>
      )}
      <p className="mt-2 flex gap-3 text-[13px]">
        <Link to={`/alerts?client_id=${clientId}`}>Act on alerts</Link>
        <Link to={`/alerts/settings?client_id=${clientId}`}>Alert settings</Link>
      </p>
    </Panel>
  );
}

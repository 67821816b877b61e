import { Form } from "@remix-run/react";

import { Alert } from "#app/components/ui/alert";
import { Badge } from "#app/components/ui/badge";
import { Button } from "#app/components/ui/button";
import { Check, Field } from "#app/components/ui/form";
import { Panel } from "#app/components/ui/panel";
import { formatDate, titleCase } from "#app/lib/format";
import { PUSHED_FIELDS } from "#worker/core/crm/field-mapping";
import type { getCrmConnection } from "#worker/services/crm/connections";
import type { syncStatus } from "#worker/services/crm/sync";

type Connection = Awaited<ReturnType<typeof getCrmConnection>>;
type Status = Awaited<ReturnType<typeof syncStatus>>["connections"][number];
export type FormProblem = { provider: string; message: string; details: { field?: string; message: string }[] };

const LABEL = { salesforce: "Salesforce", hubspot: "HubSpot" } as const;
const FIELD_LABEL: Record<(typeof PUSHED_FIELDS)[number], string> = {
  health_score: "Health score",
  health_status: "Health status",
  churn_risk: "Churn risk",
  last_csm_activity: "Last CSM activity",
  csm_owner: "CSM owner",
};

/**
 * One CRM connection: its state (last push, last pull, errors) and, for an admin, the form that
 * changes it. Stored credentials are never shown: the fields stay empty, and leaving them empty
 * keeps what is stored.
 */
export function CrmConnectionPanel({
  connection: c,
  status,
  canEdit,
  problem,
}: {
  connection: Connection;
  status: Status | undefined;
  canEdit: boolean;
  problem: FormProblem | null;
}) {
  const label = LABEL[c.provider];
  const id = `crm-${c.provider}`;
  return (
    <Panel aria-labelledby={id} className="crm-connection">
      <h2 id={id} className="flex items-center gap-2 text-base font-semibold">
        {label}
        <Badge tone={c.enabled ? "st-green" : "st-gray"}>
          {c.configured ? (c.enabled ? "Enabled" : "Disabled") : "Not configured"}
        </Badge>
      </h2>
      {c.configured ? (
        <p className="mt-1 text-[13px] text-muted-foreground">
          {status?.synced_clients ?? 0} clients synced · last push {formatDate(status?.last_push_at ?? null)} · last
          pull {formatDate(status?.last_pull_at ?? null)} · credentials ({titleCase(c.auth.type ?? "")}) saved{" "}
          {formatDate(c.auth.updated_at)}
          {status?.clients_with_errors ? ` · ${status.clients_with_errors} clients with errors` : ""}
        </p>
      ) : null}
      {status?.last_pull_error ? (
        <Alert className="my-2">
          <strong>Last pull failed.</strong> {status.last_pull_error}
        </Alert>
      ) : null}
      {problem ? (
        <Alert className="my-2">
          <strong>{problem.message}.</strong>{" "}
          {problem.details.map((d) => `${d.field ?? ""} ${d.message}`.trim()).join("; ")}
        </Alert>
      ) : null}
      {c.configured && c.enabled ? (
        <Form method="post" className="mt-2">
          <input type="hidden" name="provider" value={c.provider} />
          <Button type="submit" name="intent" value="pull" size="sm" variant="outline">
            Pull from {label} now
          </Button>
        </Form>
      ) : null}
      <Form method="post" className="mt-3" aria-label={`${label} connection`}>
        <input type="hidden" name="intent" value="save_connection" />
        <input type="hidden" name="provider" value={c.provider} />
        <fieldset disabled={!canEdit} className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <Field label="API base URL">
            <input
              name="base_url"
              type="url"
              required
              defaultValue={c.base_url ?? ""}
              placeholder={c.provider === "salesforce" ? "https://yourorg.my.salesforce.com" : "https://api.hubapi.com"}
            />
          </Field>
          {c.provider === "salesforce" ? (
            <Field label="Login URL (OAuth)">
              <input
                name="login_url"
                type="url"
                defaultValue={c.login_url ?? ""}
                placeholder="https://login.salesforce.com"
              />
            </Field>
          ) : (
            <span />
          )}
          {c.provider === "salesforce" ? (
            <SalesforceCredentials configured={c.auth.configured} />
          ) : (
            <Field
              label={c.auth.configured ? "Private-app token (leave empty to keep the saved one)" : "Private-app token"}
              className="sm:col-span-2"
            >
              <input name="token" type="password" autoComplete="off" />
            </Field>
          )}
          <fieldset className="grid gap-2 sm:col-span-2 sm:grid-cols-3">
            <legend className="mb-1 text-xs font-semibold text-muted-foreground">
              Field mapping (our field → {label} field)
            </legend>
            {PUSHED_FIELDS.map((f) => (
              <Field key={f} label={FIELD_LABEL[f]}>
                <input name={`map.${f}`} defaultValue={c.field_mapping[f]} placeholder={c.default_mapping[f]} />
              </Field>
            ))}
          </fieldset>
          <Check name="enabled" label="Enabled (push health data, pull hourly)" defaultChecked={c.enabled} />
          <div className="sm:col-span-2">
            <Button type="submit">Save {label} connection</Button>
          </div>
        </fieldset>
        {!canEdit ? (
          <p className="mt-2 text-xs text-muted-foreground">
            Only an admin or the VP of Client Success can change CRM connections.
          </p>
        ) : null}
      </Form>
    </Panel>
  );
}

function SalesforceCredentials({ configured }: { configured: boolean }) {
  return (
    <fieldset className="grid gap-2 sm:col-span-2 sm:grid-cols-2">
      <legend className="mb-1 text-xs font-semibold text-muted-foreground">
        OAuth credentials {configured ? "(leave empty to keep the saved ones)" : null}
      </legend>
      <Field label="Flow">
        <select name="auth_type" defaultValue="">
          <option value="">{configured ? "Keep saved credentials" : "Choose a flow"}</option>
          <option value="client_credentials">Client credentials</option>
          <option value="jwt_bearer">JWT bearer</option>
        </select>
      </Field>
      <Field label="Consumer key (client id)">
        <input name="client_id" autoComplete="off" />
      </Field>
      <Field label="Consumer secret (client credentials)">
        <input name="client_secret" type="password" autoComplete="off" />
      </Field>
      <Field label="Username (JWT bearer)">
        <input name="username" autoComplete="off" />
      </Field>
      <Field label="Private key, PEM (JWT bearer)" className="sm:col-span-2">
        <textarea name="private_key" rows={3} autoComplete="off" />
      </Field>
    </fieldset>
  );
}

/** The form's fields as the PUT /crm/connections/:provider body (empty credentials: keep the saved ones). */
export function connectionBody(provider: "salesforce" | "hubspot", form: FormData): Record<string, unknown> {
  const get = (k: string) => String(form.get(k) ?? "").trim();
  const mapping = Object.fromEntries(PUSHED_FIELDS.map((f) => [f, get(`map.${f}`)]).filter(([, v]) => v));
  const body: Record<string, unknown> = {
    base_url: get("base_url"),
    enabled: form.get("enabled") === "on",
    field_mapping: mapping,
  };
  if (provider === "hubspot") {
    if (get("token")) body.auth = { type: "private_app", token: get("token") };
    return body;
  }
  if (get("login_url")) body.login_url = get("login_url");
  const type = get("auth_type");
  if (type === "client_credentials")
    body.auth = { type, client_id: get("client_id"), client_secret: get("client_secret") };
  if (type === "jwt_bearer")
    body.auth = {
      type,
      client_id: get("client_id"),
      username: get("username"),
      private_key: String(form.get("private_key") ?? ""),
    };
  return body;
}

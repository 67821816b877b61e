import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { Alert } from "#app/components/ui/alert";
import { Button } from "#app/components/ui/button";
import { Table } from "#app/components/ui/table";
import { titleCase } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { can } from "#worker/core/access-policy";
import type { AlertChannel, AlertSettings } from "#worker/core/alerts/alert-settings";
import { conflictingChanges, settingsChanges, type SubmittedSettings } from "#worker/core/alerts/settings-changes";
import { ALERT_TYPES } from "#worker/core/enums";
import { AppError } from "#worker/core/errors";
import { AlertSettingsBodySchema } from "#worker/core/inputs/alerts";
import { parseInput } from "#worker/core/inputs/parse";
import { getAlertConfig, putAlertConfig } from "#worker/services/alerts/alert-config";

// Alert settings (PRD "Alert Configuration"): per type on/off, threshold and channels, quiet
// hours with a time zone; for one client (?client_id=) its own overrides and a mute. VPs of
// Client Success and admins change the global settings; a client's CSM may change the client's.

export const meta: MetaFunction = () => [{ title: "Alert settings · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const clientId = new URL(request.url).searchParams.get("client_id");
    const config = await getAlertConfig(context.db, context.user, clientId);
    return { config, canEdit: clientId ? true : can(context.user.role, "alert_settings.change_global") };
  });

/** The form as submitted: every type's on/off, channels and threshold, quiet hours, the mute. */
function submitted(form: FormData, clientId: string | undefined): SubmittedSettings {
  const types = Object.fromEntries(
    ALERT_TYPES.map((t) => {
      const threshold = String(form.get(`${t}.threshold`) ?? "");
      const channels = ["in_app", ...form.getAll(`${t}.channels`).map(String)] as AlertChannel[];
      return [
        t,
        {
          enabled: form.get(`${t}.enabled`) === "on",
          channels,
          ...(threshold ? { threshold: Number(threshold) } : {}),
        },
      ];
    }),
  );
  const [start, end, tz] = ["quiet_start", "quiet_end", "time_zone"].map((k) => String(form.get(k) ?? "").trim());
  const out: SubmittedSettings = { types, quiet_hours: start || end ? { start, end, time_zone: tz || "UTC" } : null };
  if (clientId) out.muted_until = String(form.get("muted_until") ?? "") || null;
  return out;
}

const MAX_RETRIES = 3;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const clientId = String(form.get("client_id") ?? "") || undefined;
  const back = redirect(`/alerts/settings${clientId ? `?client_id=${clientId}` : ""}`);
  // Only what this user changed is saved, on the version the page showed; if someone saved in
  // between, the same changes are merged onto theirs and sent again (core/alerts/settings-changes).
  // A form without what it was loaded with (an old tab, a script) saves everything it holds, as before.
  let loaded: AlertSettings | null = null;
  try {
    const parsed = JSON.parse(String(form.get("loaded") ?? "")) as AlertSettings;
    if (parsed?.types) loaded = parsed;
  } catch {
    loaded = null;
  }
  const sent = submitted(form, clientId);
  const patch = loaded ? settingsChanges(loaded, sent) : sent;
  if (Object.keys(patch).length === 0) return back;
  let version = Number(form.get("version"));
  for (let attempt = 0; ; attempt++) {
    try {
      const body = {
        ...patch,
        ...(clientId ? { client_id: clientId } : {}),
        ...(loaded && Number.isInteger(version) && version >= 0 ? { version } : {}),
      };
      await putAlertConfig(
        context.db,
        context.user,
        parseInput(AlertSettingsBodySchema, body, "alert settings"),
        new Date(),
      );
      return back;
    } catch (err) {
      const current =
        err instanceof AppError && err.code === "CONFLICT"
          ? (err.details as { current?: { version: number; effective: AlertSettings } } | null)?.current
          : undefined;
      if (current && loaded && attempt < MAX_RETRIES) {
        const clash = conflictingChanges(loaded, current.effective, patch);
        if (clash.length === 0) {
          version = current.version;
          continue;
        }
        return data(
          {
            error:
              "Someone else changed the same settings while you were editing; the page now shows their values, make your change again if it still applies",
            details: clash.map((field) => ({ field, message: "changed by someone else" })),
          },
          { status: 409 },
        );
      }
      if (err instanceof AppError && err.status < 500)
        return data(
          {
            error: err.message,
            details: Array.isArray(err.details) ? (err.details as { field?: string; message: string }[]) : [],
          },
          { status: err.status },
        );
      throw err;
    }
  }
}

export default function AlertSettingsPage() {
  const { config, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const e = config.effective;
  return (
    <section className="alert-settings">
      <h1 className="text-xl font-semibold">Alert settings{config.client_id ? " for this client" : " (everyone)"}</h1>
      <p className="text-[13px] text-muted-foreground">
        {config.client_id
          ? "These override the global settings for this client only."
          : "A client's own settings override these."}{" "}
        <Link to="/alerts">Back to alerts</Link>
      </p>
      {result && "error" in result ? (
        <Alert>
          <strong>{result.error}.</strong> {result.details.map((d) => `${d.field ?? ""}: ${d.message}`).join("; ")}
        </Alert>
      ) : null}
      <Form method="post" aria-label="Alert settings" key={`${config.version}`}>
        {config.client_id ? <input type="hidden" name="client_id" value={config.client_id} /> : null}
        {/* What the page showed and its version: the action saves only the changes against them. */}
        <input type="hidden" name="version" value={config.version} />
        <input type="hidden" name="loaded" value={JSON.stringify(e)} />
        <fieldset disabled={!canEdit}>
          <Table compact>
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">On</th>
                <th scope="col">Threshold</th>
                <th scope="col">Email</th>
                <th scope="col">Slack</th>
              </tr>
            </thead>
            <tbody>
              {ALERT_TYPES.map((t) => {
                const ref = config.reference.types[t];
                return (
                  <tr key={t}>
                    <th scope="row" className="text-left font-normal">
                      {titleCase(t)} <span className="text-xs text-muted-foreground">({titleCase(ref.severity)})</span>
                    </th>
                    <td>
                      <input
                        type="checkbox"
                        name={`${t}.enabled`}
                        aria-label={`${titleCase(t)} on`}
                        defaultChecked={e.types[t].enabled}
                      />
                    </td>
                    <td>
                      {ref.default === null ? (
                        "—"
                      ) : (
                        <label className="flex items-center gap-1 text-xs">
                          <input
                            type="number"
                            name={`${t}.threshold`}
                            step="any"
                            min={ref.min}
                            max={ref.max}
                            defaultValue={e.types[t].threshold ?? ""}
                            className="w-20"
                            aria-label={`${titleCase(t)} threshold`}
                          />
                          {ref.unit}
                        </label>
                      )}
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`${t}.channels`}
                        value="email"
                        aria-label={`${titleCase(t)} by email`}
                        defaultChecked={e.types[t].channels.includes("email")}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`${t}.channels`}
                        value="slack"
                        aria-label={`${titleCase(t)} on Slack`}
                        defaultChecked={e.types[t].channels.includes("slack")}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <div className="mt-3 flex flex-wrap items-end gap-3 text-[13px]">
            <label>
              Quiet hours from{" "}
              <input
                name="quiet_start"
                defaultValue={e.quiet_hours?.start ?? ""}
                placeholder="20:00"
                className="w-20"
              />
            </label>
            <label>
              to <input name="quiet_end" defaultValue={e.quiet_hours?.end ?? ""} placeholder="07:00" className="w-20" />
            </label>
            <label>
              time zone{" "}
              <input
                name="time_zone"
                defaultValue={e.quiet_hours?.time_zone ?? ""}
                placeholder="America/Chicago"
                className="w-44"
              />
            </label>
            {config.client_id ? (
              <label>
                Mute this client until <input type="date" name="muted_until" defaultValue={e.muted_until ?? ""} />
              </label>
            ) : null}
            <Button type="submit">Save settings</Button>
          </div>
        </fieldset>
        {!canEdit ? (
          <p className="mt-2 text-xs text-muted-foreground">
            Only a VP of Client Success or an admin can change the global settings.
          </p>
        ) : null}
      </Form>
    </section>
  );
}

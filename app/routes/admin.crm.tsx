import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { connectionBody, CrmConnectionPanel, type FormProblem } from "#app/components/admin/crm-connection-form";
import { Alert } from "#app/components/ui/alert";
import { Button } from "#app/components/ui/button";
import { Panel } from "#app/components/ui/panel";
import { Table } from "#app/components/ui/table";
import { formatDate, titleCase } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { can } from "#worker/core/access-policy";
import { CRM_PROVIDERS, type CrmProvider } from "#worker/core/crm/field-mapping";
import { AppError } from "#worker/core/errors";
import { connectionSchemaFor } from "#worker/core/inputs/crm";
import { parseInput } from "#worker/core/inputs/parse";
import { getCrmConnection, mayChangeCrmConnection, putCrmConnection } from "#worker/services/crm/connections";
import { listSyncConflicts, pullNow } from "#worker/services/crm/operations";
import { fullSync, replayDeadLetters, syncStatus } from "#worker/services/crm/sync";

// The CRM connections and their sync (issue 7): Salesforce and HubSpot set up by the VP of Client
// Success or an admin (credentials write-only, every change audited), what was pushed and
// pulled and what failed, a full sync, a pull now, the dead letters to replay, and the
// sync-conflict log. Everyone else is refused.

export const meta: MetaFunction = () => [{ title: "CRM sync · Client Success Dashboard" }];

export const loader = ({ context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const { db, user } = context;
    const [salesforce, hubspot] = [
      await getCrmConnection(db, user, "salesforce"),
      await getCrmConnection(db, user, "hubspot"),
    ];
    const status = await syncStatus(db, user);
    const conflicts = await listSyncConflicts(db, user, { provider: null, limit: 25 });
    return {
      connections: [salesforce, hubspot],
      status,
      conflicts: conflicts.data,
      canEdit: can(user.role, "crm.settings.change"),
    };
  });

type ActionResult = { notice?: string; problem?: FormProblem };

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, user } = context;
  const env = context.cloudflare.env;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const provider = String(form.get("provider") ?? "") as CrmProvider;
  try {
    // Each operation checks the user's role itself and audits a refusal.
    if (intent === "save_connection" && CRM_PROVIDERS.includes(provider)) {
      // The role first (403, audited), then the form (400), as before decision 024.
      await mayChangeCrmConnection(db, user, provider);
      await putCrmConnection(
        env,
        db,
        user,
        provider,
        parseInput(connectionSchemaFor(provider), connectionBody(provider, form), "connection"),
        new Date(),
      );
      return redirect("/admin/crm");
    }
    if (intent === "pull" && CRM_PROVIDERS.includes(provider)) {
      const r = await pullNow(env, db, user, provider, new Date());
      return data<ActionResult>({
        notice: `Pulled from ${titleCase(provider)}: ${r.accounts} accounts read, ${r.applied} updated, ${r.conflicts} conflicts logged, ${r.contacts.created} contacts added, ${r.opportunities} opportunities.`,
      });
    }
    if (intent === "full_sync") {
      const r = await fullSync(env, db, user);
      return data<ActionResult>({
        notice: `Full sync queued: ${r.queued_clients} clients in ${r.queued_messages} messages.`,
      });
    }
    if (intent === "replay") {
      const r = await replayDeadLetters(env, db, user);
      return data<ActionResult>({ notice: `${r.replayed} dead-lettered messages put back on the queue.` });
    }
    throw new AppError("BAD_REQUEST", "Unknown form");
  } catch (err) {
    if (err instanceof AppError && err.status !== 500) {
      return data<ActionResult>(
        {
          problem: {
            provider,
            message: err.message,
            details: (err.details as { field?: string; message: string }[] | null) ?? [],
          },
        },
        { status: err.status },
      );
    }
    throw err;
  }
}

export default function CrmAdminPage() {
  const { connections, status, conflicts, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const problem = result?.problem ?? null;
  return (
    <section className="crm-admin">
      <h1 className="text-xl font-semibold">CRM sync</h1>
      <p className="text-[13px] text-muted-foreground">
        Health data goes to the CRMs as it changes; account details, owners, opportunities and contacts come back every
        hour. <Link to="/">Back to the portfolio</Link>
      </p>
      {result?.notice ? (
        <p role="status" className="my-2 rounded-md bg-accent px-3 py-2 text-[13px]">
          {result.notice}
        </p>
      ) : null}
      {problem && !CRM_PROVIDERS.includes(problem.provider as CrmProvider) ? (
        <Alert className="my-2">
          <strong>{problem.message}.</strong>
        </Alert>
      ) : null}
      {connections.map((c) => (
        <CrmConnectionPanel
          key={c.provider}
          connection={c}
          status={status.connections.find((s) => s.provider === c.provider)}
          canEdit={canEdit}
          problem={problem?.provider === c.provider ? problem : null}
        />
      ))}
      <Panel aria-labelledby="sync-ops">
        <h2 id="sync-ops" className="text-base font-semibold">
          Queue
        </h2>
        <p className="mt-1 text-[13px]">
          {status.dead_letters} messages gave up after 3 retries and wait in the dead-letter store.
        </p>
        <Form method="post" className="mt-2 flex gap-2">
          <Button type="submit" name="intent" value="full_sync" size="sm" variant="outline">
            Queue a full sync
          </Button>
          <Button
            type="submit"
            name="intent"
            value="replay"
            size="sm"
            variant="outline"
            disabled={status.dead_letters === 0}
          >
            Replay dead letters
          </Button>
        </Form>
        {status.recent_errors.length ? (
          <Table compact className="mt-3" aria-label="Recent sync errors">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">CRM</th>
                <th scope="col">Client</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {status.recent_errors.map((e) => (
                <tr key={`${e.provider}-${e.client_id}`}>
                  <td>{formatDate(e.at)}</td>
                  <td>{titleCase(e.provider)}</td>
                  <td>
                    <Link to={`/clients/${e.client_id}`}>{e.client_name}</Link>
                  </td>
                  <td>{e.error}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </Panel>
      <Panel aria-labelledby="conflicts">
        <h2 id="conflicts" className="text-base font-semibold">
          Sync conflicts
        </h2>
        <p className="mt-1 text-[13px] text-muted-foreground">
          Ethico decides health data, the CRM decides contract data, and for the name the latest change wins.
        </p>
        {conflicts.length ? (
          <Table compact className="mt-2" aria-label="Sync conflicts">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Client</th>
                <th scope="col">CRM</th>
                <th scope="col">Field</th>
                <th scope="col">Ours</th>
                <th scope="col">CRM's</th>
                <th scope="col">Kept</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c) => (
                <tr key={c.id}>
                  <td>{formatDate(c.at)}</td>
                  <td>
                    <Link to={`/clients/${c.client_id}`}>{c.client_name}</Link>
                  </td>
                  <td>{titleCase(c.provider)}</td>
                  <td>{c.field}</td>
                  <td>{c.ethico_value ?? "—"}</td>
                  <td>{c.crm_value ?? "—"}</td>
                  <td>{c.winner === "ethico" ? "Ours" : "CRM's"}</td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="mt-2 text-[13px]">No conflicts yet.</p>
        )}
      </Panel>
    </section>
  );
}

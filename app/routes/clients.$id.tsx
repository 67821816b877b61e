import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";

import { AdoptionTab } from "#app/components/client/adoption-tab";
import { AiPanel } from "#app/components/client/ai-panel";
import { BenchmarkTab } from "#app/components/client/benchmark-tab";
import { ClientAlerts } from "#app/components/client/client-alerts";
import { ClientHeader, ClientLinks, EmailDraftPanel } from "#app/components/client/client-header";
import { ContactsTab } from "#app/components/client/contacts-tab";
import { ContractTab } from "#app/components/client/contract-tab";
import { CrmPanel } from "#app/components/client/crm-panel";
import { type FormErrors, LogActivityForm } from "#app/components/client/log-activity-form";
import { NotesTab } from "#app/components/client/notes-tab";
import { OverviewTab } from "#app/components/client/overview-tab";
import { ScheduleCallForm } from "#app/components/client/schedule-call-form";
import { TimelineTab } from "#app/components/client/timeline-tab";
import { UsageTab } from "#app/components/client/usage-tab";
import { Alert } from "#app/components/ui/alert";
import { TabLink, TabsNav } from "#app/components/ui/tabs";
import { Toast } from "#app/components/ui/toast";
import { type Tab, TABS } from "#app/lib/client-tab-names";
import { drawClientCharts, type ErrorDetails, loadClientTab } from "#app/lib/client-tabs.server";
import { parseForm } from "#app/lib/form-input.server";
import { titleCase } from "#app/lib/format";
import { timeZoneOf } from "#app/lib/time-zone.server";
import { crmLinks } from "#worker/core/crm-links";
import { AppError } from "#worker/core/errors";
import { NewActivitySchema } from "#worker/core/inputs/activity";
import { NewContactSchema, NewNoteSchema } from "#worker/core/inputs/notes-contacts";
import { localDateTime, zonedToUtc } from "#worker/core/time-zone";
import { logActivity } from "#worker/services/activities";
import { currentAiPanel, generateClientSummary } from "#worker/services/ai/client-ai";
import { getClientAlerts } from "#worker/services/alerts/alert-workflow";
import { getClientDetail } from "#worker/services/clients";
import { addContact } from "#worker/services/contacts";
import { clientCrm } from "#worker/services/crm/client-crm";
import { syncClientNow } from "#worker/services/crm/sync";
import { draftClientEmail } from "#worker/services/email-draft";
import { addNote } from "#worker/services/notes";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.client.name ?? "Client"} · Client Success Dashboard` },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const now = new Date();
  const url = new URL(request.url);
  const search = Object.fromEntries(url.searchParams);
  // The cohort form sends one "criteria" per checkbox; they count only for a custom cohort.
  if (url.searchParams.has("criteria")) {
    if (search.cohort === "custom") search.criteria = url.searchParams.getAll("criteria").join(",");
    else delete search.criteria;
  }
  const tab: Tab = (TABS as readonly string[]).includes(search.tab) ? (search.tab as Tab) : "overview";
  const id = params.id ?? "";
  try {
    const [client, loaded, draft] = await Promise.all([
      getClientDetail(context.db, context.user, id, now),
      loadClientTab(tab, context, id, search, now),
      search.draft === "email" ? draftClientEmail(context.db, context.user, id, now) : null,
    ]);
    const env = context.cloudflare.env;
    const crm = crmLinks(client, {
      salesforceAppUrl: env.SALESFORCE_APP_URL,
      hubspotAppUrl: env.HUBSPOT_APP_URL,
      hubspotPortalId: env.HUBSPOT_PORTAL_ID,
    });
    const extra = drawClientCharts(client, loaded, search);
    const [ai, alerts, crmPanel] = await Promise.all([
      // Rewritten from the current facts first if the header moved since it was written.
      currentAiPanel(context.db, context.user, client, now),
      getClientAlerts(
        context.db,
        context.user,
        id,
        { types: [], severities: [], statuses: ["NEW", "ACKNOWLEDGED", "SNOOZED"], client_id: id, page: 1, limit: 5 },
        now,
      ),
      clientCrm(context.db, client, now),
    ]);
    return {
      client,
      now: now.toISOString(),
      tab,
      params: search,
      timeZone: timeZoneOf(request),
      nowLocal: localDateTime(now, timeZoneOf(request)),
      activityKey: crypto.randomUUID(),
      crm,
      draft,
      ai,
      alerts: { data: alerts.data, total: alerts.pagination.total },
      crmPanel,
      overview: null,
      timeline: null,
      notes: null,
      usageTab: null,
      adoption: null,
      contactsTab: null,
      contract: null,
      benchmark: null,
      tabError: null,
      ...extra,
    };
  } catch (err) {
    if (err instanceof AppError && err.status === 404)
      throw new Response("This client does not exist or is not in your portfolio.", { status: 404 });
    throw err;
  }
}

/** Form posts: log an activity or add a note, through the same services as the API. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form.keys()].map((k) => [k, form.getAll(k).map(String).join(",")]));
  const clientId = params.id ?? "";
  const now = new Date();
  const opt = (k: string) => (values[k] ? values[k] : undefined);
  try {
    if (intent === "log_activity") {
      const when = opt("occurred_at");
      const tz = timeZoneOf(request, form);
      const input = parseForm(NewActivitySchema, form, "activity", (f) => ({
        activity_type: f.raw("activity_type"),
        subject: f.raw("subject"),
        description: f.optional("description"),
        // datetime-local has no zone: it is the user's wall clock (the form says which zone).
        occurred_at: when ? (zonedToUtc(when, tz) ?? when) : now.toISOString(),
        duration_minutes: f.optional("duration_minutes") ? Number(f.raw("duration_minutes")) : undefined,
        outcome: f.optional("outcome"),
        client_contacts: f.all("client_contacts"),
        follow_up_date: f.optional("follow_up_date"),
      }));
      const key = opt("idempotency_key")?.slice(0, 100) ?? null;
      const saved = await logActivity(context.ctx, clientId, input, key);
      // Back to where the form was opened (the portfolio's row dialog), only ever within this site;
      // on the client's page "saved" confirms it and gives the log form a fresh, empty instance.
      const back = values.return_to;
      return redirect(
        back && /^\/(?![/\\])[^\s]*$/.test(back) ? back : `/clients/${clientId}?tab=timeline&saved=${saved.id}`,
      );
    }
    if (intent === "crm_sync") {
      const client = await getClientDetail(context.db, context.user, clientId, now);
      const failures: string[] = [];
      for (const provider of ["salesforce", "hubspot"] as const) {
        if (!(provider === "salesforce" ? client.salesforce_account_id : client.hubspot_company_id)) continue;
        await syncClientNow(context.cloudflare.env, context.db, context.user, clientId, provider, now).catch(
          (err: unknown) => {
            if (err instanceof AppError && err.status !== 409)
              failures.push(
                `${provider}: ${(err.details as { message: string }[] | null)?.[0]?.message ?? err.message}`,
              );
            else if (!(err instanceof AppError)) throw err;
          },
        );
      }
      if (failures.length) return data({ crmError: `Sync failed: ${failures.join("; ")}` }, { status: 502 });
      return redirect(`/clients/${clientId}`);
    }
    if (intent === "ai_summary") {
      await generateClientSummary(context.cloudflare.env, context.db, context.user, clientId, now);
      return redirect(`/clients/${clientId}`);
    }
    if (intent === "add_note") {
      const input = parseForm(NewNoteSchema, form, "note", (f) => ({
        title: f.optional("title"),
        content: f.raw("content"),
        note_type: f.raw("note_type"),
        is_private: f.raw("is_private") === "true",
      }));
      await addNote(context.db, context.user, clientId, input, now);
      return redirect(`/clients/${clientId}?tab=notes`);
    }
    if (intent === "add_contact") {
      const input = parseForm(NewContactSchema, form, "contact", (f) => ({
        name: f.raw("name"),
        title: f.optional("title"),
        role: f.raw("role"),
        email: f.optional("email"),
        phone: f.optional("phone"),
        is_primary: f.raw("is_primary") === "true",
      }));
      await addContact(context.db, context.user, clientId, input, now);
      return redirect(`/clients/${clientId}?tab=contacts`);
    }
    throw new AppError("BAD_REQUEST", "Unknown form");
  } catch (err) {
    if (err instanceof AppError && (err.status === 400 || err.status === 422)) {
      const errors: FormErrors = {
        form: intent,
        message: err.message,
        details: (err.details as ErrorDetails | null) ?? [],
        values,
      };
      return data({ errors }, { status: err.status });
    }
    if (err instanceof AppError && err.status === 404)
      throw new Response("This client does not exist or is not in your portfolio.", { status: 404 });
    throw err;
  }
}

export default function ClientPage() {
  const {
    client: c,
    now,
    tab,
    params,
    crm,
    draft,
    ai,
    alerts,
    crmPanel,
    timeZone,
    nowLocal,
    activityKey,
    overview,
    timeline,
    notes,
    usageTab,
    adoption,
    contactsTab,
    contract,
    benchmark,
    tabError,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors =
    actionData && typeof actionData === "object" && "errors" in actionData ? (actionData.errors as FormErrors) : null;
  // The schedule-call resource route sends refusals back here in the URL.
  const scheduleErrors: FormErrors | null = params.schedule_error
    ? {
        form: "schedule_call",
        message: "The call cannot be scheduled",
        details: [{ message: params.schedule_error }],
        values: {},
      }
    : null;
  const nowDate = new Date(now);
  const contacts = c.contacts.map((p) => ({ id: p.id, name: p.name }));
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_300px]">
      <article className="min-w-0">
        <ClientHeader c={c} now={nowDate} />
        <div className="grid items-start gap-x-4 md:grid-cols-2">
          <LogActivityForm
            key={`${params.saved ?? ""}:${params.log ?? ""}`}
            contacts={contacts}
            errors={errors}
            nowLocal={nowLocal}
            prefillSubject={params.log}
            idempotencyKey={activityKey}
            timeZone={timeZone}
          />
          <Toast message={params.saved ? "Activity saved." : null} id={params.saved} />
          <ScheduleCallForm
            clientId={c.id}
            contacts={contacts}
            errors={scheduleErrors}
            tomorrowLocal={`${new Date(Date.parse(now) + 86_400_000).toISOString().slice(0, 10)}T15:00`}
          />
        </div>
        <ClientLinks tab={tab} crm={crm} />
        {draft ? <EmailDraftPanel key={draft.subject + draft.body} d={draft} closeHref={`?tab=${tab}`} /> : null}

        <TabsNav aria-label="Client sections">
          {TABS.map((t) => (
            <TabLink key={t} to={`?tab=${t}`} active={tab === t}>
              {titleCase(t)}
            </TabLink>
          ))}
        </TabsNav>
        {tabError ? (
          <Alert>
            <strong>{tabError.message}.</strong>{" "}
            {tabError.details.map((d) => `${d.param ?? d.field}: ${d.message}`).join("; ")}
          </Alert>
        ) : null}
        {tab === "overview" && overview ? <OverviewTab c={c} now={nowDate} o={overview} /> : null}
        {tab === "timeline" && timeline ? <TimelineTab clientId={c.id} timeline={timeline} params={params} /> : null}
        {tab === "notes" && notes ? <NotesTab notes={notes} errors={errors} /> : null}
        {tab === "usage" && usageTab ? (
          <UsageTab
            usage={usageTab.usage}
            users={usageTab.users}
            heatmap={usageTab.heatmap}
            heatmapSvg={usageTab.heatmapSvg}
          />
        ) : null}
        {tab === "adoption" && adoption ? <AdoptionTab a={adoption} /> : null}
        {tab === "contacts" && contactsTab ? (
          <ContactsTab contacts={contactsTab} errors={errors} now={nowDate} />
        ) : null}
        {tab === "contract" && contract ? (
          <ContractTab c={c} totalUsers={contract.totalUsers} renewals={contract.renewals} />
        ) : null}
        {tab === "benchmark" && benchmark ? <BenchmarkTab b={benchmark} clientName={c.name} params={params} /> : null}
      </article>
      <aside className="min-w-0 xl:sticky xl:top-4 xl:mt-10">
        <ClientAlerts clientId={c.id} alerts={alerts.data} total={alerts.total} />
        <CrmPanel crm={crmPanel} error={actionData && "crmError" in actionData ? actionData.crmError : null} />
        <AiPanel p={ai} />
      </aside>
    </div>
  );
}

import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppError } from "../../worker/core/errors";
import { healthColor } from "../../worker/core/health-bands";
import { NewActivitySchema } from "../../worker/core/inputs/activity";
import { parseInput } from "../../worker/core/inputs/common";
import { NewContactSchema, NewNoteSchema, NoteListQuerySchema } from "../../worker/core/inputs/notes-contacts";
import { TimelineQuerySchema } from "../../worker/core/inputs/timeline";
import { logActivity } from "../../worker/services/activities";
import { contractFacts, getClientDetail } from "../../worker/services/clients";
import { addContact, listContacts } from "../../worker/services/contacts";
import { ContactsTab } from "../components/client/contacts-tab";
import { ContractTab } from "../components/client/contract-tab";
import { addNote, listNotes } from "../../worker/services/notes";
import { getAdoption } from "../../worker/services/adoption";
import { getTimeline } from "../../worker/services/timeline";
import { getHeatmap, getUsage, getUsageUsers } from "../../worker/services/usage";
import { AdoptionTab } from "../components/client/adoption-tab";
import { UsageTab } from "../components/client/usage-tab";
import { LogActivityForm, type FormErrors } from "../components/client/log-activity-form";
import { ScheduleCallForm } from "../components/client/schedule-call-form";
import { NotesTab } from "../components/client/notes-tab";
import { OverviewTab } from "../components/client/overview-tab";
import { TimelineTab } from "../components/client/timeline-tab";
import { daysAgo, formatDate, formatUsdFull, signed, titleCase, TREND_ARROW } from "../lib/format";

const TABS = ["overview", "usage", "adoption", "timeline", "contacts", "notes", "contract"] as const;
type Tab = (typeof TABS)[number];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.client.name ?? "Client"} · Client Success Dashboard` },
];

type ErrorDetails = { param?: string | null; field?: string | null; message: string }[];

/** The tab's data, loaded beside the client (no waterfall); a bad filter is shown, not thrown. */
async function tabData(tab: Tab, context: LoaderFunctionArgs["context"], clientId: string, params: Record<string, string>, now: Date) {
  const { tab: _t, ...rest } = params;
  try {
    if (tab === "timeline") {
      const q = parseInput(TimelineQuerySchema, rest, "timeline filter");
      return { timeline: await getTimeline(context.db, context.user, clientId, { types: q.type ?? [], q: q.q || null, from: q.from, to: q.to, page: q.page, limit: q.limit }, now) };
    }
    if (tab === "notes") return { notes: await listNotes(context.db, context.user, clientId, parseInput(NoteListQuerySchema, rest, "notes filter")) };
    if (tab === "usage") {
      const [usage, users, heatmap] = await Promise.all([
        getUsage(context.db, context.user, clientId, now),
        getUsageUsers(context.db, context.user, clientId, now),
        getHeatmap(context.db, context.user, clientId, 30, now),
      ]);
      return { usageTab: { usage, users, heatmap } };
    }
    if (tab === "adoption") return { adoption: await getAdoption(context.db, context.user, clientId, undefined) };
    if (tab === "contacts") return { contactsTab: await listContacts(context.db, context.user, clientId, false) };
    if (tab === "contract") return { contract: await contractFacts(context.db, context.user, clientId) };
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return { tabError: { message: err.message, details: err.details as ErrorDetails } };
    throw err;
  }
  return {};
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const now = new Date();
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const tab: Tab = (TABS as readonly string[]).includes(search.tab) ? (search.tab as Tab) : "overview";
  try {
    const [client, extra] = await Promise.all([
      getClientDetail(context.db, context.user, params.id ?? "", now),
      tabData(tab, context, params.id ?? "", search, now),
    ]);
    return { client, now: now.toISOString(), tab, params: search, timeline: null, notes: null, usageTab: null, adoption: null, contactsTab: null, contract: null, tabError: null, ...extra };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw new Response("This client does not exist or is not in your portfolio.", { status: 404 });
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
      const input = parseInput(NewActivitySchema, {
        activity_type: values.activity_type, subject: values.subject, description: opt("description"),
        // datetime-local has no zone: the form says UTC.
        occurred_at: when ? (when.length === 16 ? `${when}:00Z` : when) : now.toISOString(),
        duration_minutes: opt("duration_minutes") ? Number(values.duration_minutes) : undefined,
        outcome: opt("outcome"), client_contacts: form.getAll("client_contacts").map(String), follow_up_date: opt("follow_up_date"),
      }, "activity");
      await logActivity(context.db, context.user, clientId, input, now);
      return redirect(`/clients/${clientId}?tab=timeline`);
    }
    if (intent === "add_note") {
      const input = parseInput(NewNoteSchema, { title: opt("title"), content: values.content, note_type: values.note_type, is_private: values.is_private === "true" }, "note");
      await addNote(context.db, context.user, clientId, input, now);
      return redirect(`/clients/${clientId}?tab=notes`);
    }
    if (intent === "add_contact") {
      const input = parseInput(NewContactSchema, { name: values.name, title: opt("title"), role: values.role, email: opt("email"), phone: opt("phone"), is_primary: values.is_primary === "true" }, "contact");
      await addContact(context.db, context.user, clientId, input, now);
      return redirect(`/clients/${clientId}?tab=contacts`);
    }
    throw new AppError("BAD_REQUEST", "Unknown form");
  } catch (err) {
    if (err instanceof AppError && (err.status === 400 || err.status === 422)) {
      const errors: FormErrors = { form: intent, message: err.message, details: (err.details as ErrorDetails | null) ?? [], values };
      return data({ errors }, { status: err.status });
    }
    if (err instanceof AppError && err.status === 404) throw new Response("This client does not exist or is not in your portfolio.", { status: 404 });
    throw err;
  }
}

export default function ClientPage() {
  const { client: c, now, tab, params, timeline, notes, usageTab, adoption, contactsTab, contract, tabError } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && typeof actionData === "object" && "errors" in actionData ? (actionData.errors as FormErrors) : null;
  // The schedule-call resource route sends refusals back here in the URL.
  const scheduleErrors: FormErrors | null = params.schedule_error ? { form: "schedule_call", message: "The call cannot be scheduled", details: [{ message: params.schedule_error }], values: {} } : null;
  const nowDate = new Date(now);
  return (
    <article className="client">
      <p>
        <Link to="/">← Back to portfolio</Link>
      </p>
      <h1>{c.name}</h1>
      <p className="facts">
        {titleCase(c.contract_tier)} | {c.industry ?? "Other"} | {c.employee_count?.toLocaleString("en-US") ?? "—"} employees |{" "}
        {[c.city, c.region].filter(Boolean).join(", ") || "—"}
      </p>
      <dl className="headline">
        <div>
          <dt>Health score</dt>
          <dd>
            <span className={`score big ${healthColor(c.current_health_score)}`}>{c.current_health_score ?? "N/A"}</span>
            <span className="sub">
              {TREND_ARROW[c.health_trend]} {signed(c.health_trend_change)} (30d) · {titleCase(c.health_status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Churn risk</dt>
          <dd>
            {c.churn_risk_score === null ? "—" : `${c.churn_risk_score}%`}
            <span className="sub">{c.churn_risk_category ? titleCase(c.churn_risk_category) : "Not scored"}</span>
          </dd>
        </div>
        <div>
          <dt>ARR</dt>
          <dd>
            {formatUsdFull(c.annual_recurring_revenue)}
            <span className="sub">Year {c.contract_year}</span>
          </dd>
        </div>
        <div>
          <dt>Renewal</dt>
          <dd>
            {c.days_to_renewal === null ? "—" : `${c.days_to_renewal} days`}
            <span className="sub">{formatDate(c.next_renewal_date)}</span>
          </dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>
            CSM: {c.csm?.name ?? "Unassigned"}
            <span className="sub">AE: {c.ae?.name ?? "Unassigned"} · last CSM contact {daysAgo(c.last_csm_contact_at, nowDate)}</span>
          </dd>
        </div>
      </dl>

      <div className="quick-actions">
        <LogActivityForm contacts={c.contacts.map((p) => ({ id: p.id, name: p.name }))} errors={errors} nowLocal={now.slice(0, 16)} />
        <ScheduleCallForm clientId={c.id} contacts={c.contacts.map((p) => ({ id: p.id, name: p.name }))} errors={scheduleErrors} tomorrowLocal={`${new Date(Date.parse(now) + 86_400_000).toISOString().slice(0, 10)}T15:00`} />
      </div>

      <nav className="tabs" aria-label="Client sections">
        {TABS.map((t) => (
          <Link key={t} to={`?tab=${t}`} aria-current={tab === t ? "page" : undefined} className={tab === t ? "active" : undefined}>
            {titleCase(t)}
          </Link>
        ))}
      </nav>
      {tabError ? (
        <div role="alert" className="alert">
          <strong>{tabError.message}.</strong> {tabError.details.map((d) => `${d.param ?? d.field}: ${d.message}`).join("; ")}
        </div>
      ) : null}
      {tab === "overview" ? <OverviewTab c={c} now={nowDate} /> : null}
      {tab === "timeline" && timeline ? <TimelineTab clientId={c.id} timeline={timeline} params={params} /> : null}
      {tab === "notes" && notes ? <NotesTab notes={notes} errors={errors} /> : null}
      {tab === "usage" && usageTab ? <UsageTab usage={usageTab.usage} users={usageTab.users} heatmap={usageTab.heatmap} /> : null}
      {tab === "adoption" && adoption ? <AdoptionTab a={adoption} /> : null}
      {tab === "contacts" && contactsTab ? <ContactsTab contacts={contactsTab} errors={errors} now={nowDate} /> : null}
      {tab === "contract" && contract ? <ContractTab c={c} totalUsers={contract.totalUsers} renewals={contract.renewals} /> : null}
    </article>
  );
}

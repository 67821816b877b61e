import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";

import { DraftEditor } from "#app/components/health-config/draft-editor";
import { FormulaSummary, HistoryPanel, ScopePicker } from "#app/components/health-config/panels";
import { Alert } from "#app/components/ui/alert";
import { orPageError } from "#app/lib/page-errors.server";
import { AppError } from "#worker/core/errors";
import {
  healthConfigWorkspace,
  revertHealthConfig,
  saveHealthConfigDraft,
} from "#worker/services/health/config-workspace";

// Health-score configuration (US-015-020), for the VP of Client Success and admins: the formula
// of each scope, a draft previewed on the portfolio as it is typed (a GET form without
// JavaScript), the suggested weights with their backtest beside it, save as a new version, and
// the history with what each version changed and a one-click revert.

export const meta: MetaFunction = () => [{ title: "Health score · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(() => healthConfigWorkspace(context.db, context.user, new URL(request.url).searchParams, new Date()));

export type ActionResult = { problem?: { message: string; details: string[] }; conflict?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const scope = String(form.get("scope") ?? "default");
  try {
    let version: number;
    // As the API does: a new formula re-scores the portfolio (the services defer it).
    if (intent === "save") version = (await saveHealthConfigDraft(context.ctx, form)).version;
    else if (intent === "revert")
      version = (
        await revertHealthConfig(context.ctx, String(form.get("version_id") ?? ""), String(form.get("active_id") ?? ""))
      ).version;
    else throw new AppError("BAD_REQUEST", "Unknown form");
    return redirect(`/admin/health-score?${new URLSearchParams({ scope, saved: String(version) })}`);
  } catch (err) {
    if (err instanceof AppError && err.status === 409) {
      return data<ActionResult>(
        {
          conflict:
            "Someone saved a newer version of this formula while you were editing. Nothing was saved: reload to see their version, then apply your change again.",
        },
        { status: 409 },
      );
    }
    if (err instanceof AppError && (err.status === 400 || err.status === 422)) {
      const details = ((err.details as { field?: string; message: string }[] | null) ?? []).map(
        (d) => `${d.field ? `${d.field.replace(/_/g, " ")}: ` : ""}${d.message}`,
      );
      return data<ActionResult>({ problem: { message: err.message, details } }, { status: err.status });
    }
    if (err instanceof AppError && (err.status === 403 || err.status === 404))
      throw new Response(err.message, { status: err.status });
    throw err;
  }
}

export default function HealthScoreConfigPage() {
  const w = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <section className="health-config grid gap-2">
      <h1 className="mb-1">Health score formula</h1>
      <p className="text-[13px] text-muted-foreground">
        How each client's health score is weighted and banded. Change a draft and watch the portfolio move before saving
        it; every save is a new version you can revert. See also{" "}
        <Link to="/churn-model#weights" prefetch="intent">
          churn risk
        </Link>
        .
      </p>
      {saved ? (
        <p role="status" className="rounded-md bg-accent px-3 py-2 text-[13px]">
          Saved as version {saved}. Every client is being re-scored with it.
        </p>
      ) : null}
      {result?.conflict ? (
        <Alert>
          <strong>Not saved: the formula changed meanwhile (409).</strong> {result.conflict}{" "}
          <Link to={`?scope=${encodeURIComponent(w.scope.key)}`} reloadDocument>
            Reload
          </Link>
        </Alert>
      ) : null}
      {result?.problem ? (
        <Alert>
          <strong>Not saved: {result.problem.message}.</strong>
          {result.problem.details.length ? (
            <ul>
              {result.problem.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <ScopePicker current={w.scope} scopes={w.scopes} choices={w.choices} />
      <FormulaSummary scope={w.scope} active={w.active} current={w.current} />
      <DraftEditor key={`${w.scope.key}|${JSON.stringify(w.draft)}|${w.active?.id ?? ""}`} w={w} />
      <HistoryPanel history={w.history} scopeKey={w.scope.key} activeId={w.active?.id ?? null} />
    </section>
  );
}

import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { CATEGORY_TONE } from "#app/components/client/churn-risk-panel";
import { EmptyState } from "#app/components/ui/alert";
import { Badge } from "#app/components/ui/badge";
import { Button } from "#app/components/ui/button";
import { Card, CardGrid, CardNote, CardTitle, CardValue } from "#app/components/ui/card";
import { Table } from "#app/components/ui/table";
import { formatDate, formatUsd, titleCase } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { can } from "#worker/core/access-policy";
import { AppError } from "#worker/core/errors";
import { churnModelReport, portfolioChurnRisk, trainChurnModelNow } from "#worker/services/churn";
import { applySuggestedWeights, defaultConfigSuggestion } from "#worker/services/health/weight-suggestion";

// Churn risk across the caller's book (PRD F6, US-015-021), for CSMs and VPs first: who is at
// risk and why, in words, and how far the model can be trusted. The model's internals (candidate
// AUCs, calibration, feature importances, versions) sit in a collapsed section for analysts.

export const meta: MetaFunction = () => [{ title: "Churn risk · Client Success Dashboard" }];

export const loader = ({ context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const { db, user } = context;
    const now = new Date();
    const [portfolio, report, weights] = await Promise.all([
      portfolioChurnRisk(db, user, now),
      churnModelReport(db).catch((err: unknown) =>
        err instanceof AppError && err.status === 409 ? null : Promise.reject(err),
      ),
      defaultConfigSuggestion(db, user, now),
    ]);
    return {
      portfolio,
      report,
      weights,
      canTrain: can(user.role, "churn_model.train"),
      canApply: can(user.role, "health_config.write"),
    };
  });

export async function action({ request, context }: ActionFunctionArgs) {
  const intent = String((await request.formData()).get("intent") ?? "");
  try {
    if (intent === "apply_weights") {
      const configId = (await defaultConfigSuggestion(context.db, context.user, new Date()))?.config_id;
      if (!configId) throw new AppError("UNPROCESSABLE", "There is no default health-score configuration to update.");
      // As the API does: the new formula re-scores the portfolio.
      await applySuggestedWeights(context.ctx, configId);
      return redirect("/churn-model#weights");
    }
    if (intent !== "retrain") throw new AppError("BAD_REQUEST", "Unknown form");
    await trainChurnModelNow(context.db, context.user, new Date());
  } catch (err) {
    if (err instanceof AppError && err.status < 500) throw new Response(err.message, { status: err.status });
    throw err;
  }
  return redirect("/churn-model");
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : v.toFixed(3));
const pct = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : `${Math.round(100 * v)}%`);

const FEATURE_WORDS: Record<string, string> = {
  usage_score: "Usage score",
  dau_change_pct: "Change in daily active users (30 days)",
  active_share_60d: "Share of users active daily (60 days)",
  active_share_drop: "Drop in that share (60 days)",
  adoption_score: "Adoption score",
  support_score: "Support score",
  high_tickets_30d: "High-severity tickets (30 days)",
  tickets_30d: "Tickets (30 days)",
  relationship_score: "Relationship score",
  days_since_contact: "Days since CSM contact",
  contract_score: "Contract score",
  nps: "NPS",
  nps_detractor: "NPS detractor",
  health_change_30d: "Health change (30 days)",
  tenure_years: "Years as a client",
  years_since_go_live: "Years since go-live",
  years_to_renewal: "Time to renewal",
  season_sin: "Month of year (sine)",
  season_cos: "Month of year (cosine)",
  log_arr: "ARR (log)",
  tier_enterprise: "Enterprise tier",
  tier_starter: "Starter tier",
};

export default function ChurnModel() {
  const { portfolio: p, report: r, weights, canTrain, canApply } = useLoaderData<typeof loader>();
  const bt = r?.backtest ?? null;
  const baseRate = bt && bt.next_renewal.rows ? bt.next_renewal.churns / bt.next_renewal.rows : null;
  const rel = p.risk_bands.relative;
  const bandNote = (k: string) =>
    k === "HIGH"
      ? `over 50%${rel ? `, or the riskiest tenth (${rel.high_from}%+)` : ""}`
      : k === "MEDIUM"
        ? `20–50%${rel ? `, or the riskiest 30% (${rel.medium_from}%+)` : ""}`
        : "the rest";
  const lr = bt && "candidates" in bt ? bt.candidates.find((c) => c.model === "logistic_regression") : null;
  const winner = bt && "candidates" in bt ? bt.candidates.find((c) => c.chosen) : null;
  const retrain = canTrain ? (
    <Form method="post" className="mt-2">
      <input type="hidden" name="intent" value="retrain" />
      <Button type="submit">Retrain now</Button>{" "}
      <span className="text-[13px] text-muted-foreground">
        Trains on everything known today and rescores every client (it also runs every Monday).
      </span>
    </Form>
  ) : null;
  return (
    <section>
      <h1>Churn risk</h1>
      <p className="text-muted-foreground">
        The chance that each client does not renew at its next renewal, from its usage, adoption, support, contact and
        contract signals. High means over 50%
        {rel
          ? `, or among the riskiest tenth of ${p.clients === p.scored ? "the" : "your"} book (${rel.high_from}% or more today), so the clients to call first are never hidden in green`
          : ""}
        .
      </p>
      <CardGrid aria-label="Churn outlook">
        {p.by_category.map((c) => (
          <Card key={c.category}>
            <CardTitle>{titleCase(c.category)} risk</CardTitle>
            <CardValue>{c.clients}</CardValue>
            <CardNote>
              {formatUsd(c.arr)} ARR · {bandNote(c.category)}
            </CardNote>
          </Card>
        ))}
        <Card>
          <CardTitle>Expected churn, next 90 days</CardTitle>
          <CardValue>{p.next_quarter.expected_churn_clients.toFixed(1)}</CardValue>
          <CardNote>
            clients, {formatUsd(p.next_quarter.expected_churn_arr)} of {formatUsd(p.next_quarter.arr_renewing)} renewing
            ({p.next_quarter.renewals} renewals)
          </CardNote>
        </Card>
      </CardGrid>

      <h2>Who is most at risk, and why</h2>
      {p.highest_risk.length === 0 ? (
        <EmptyState>No client is scored yet.</EmptyState>
      ) : (
        <Table compact aria-label="Highest churn risk">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Risk</th>
              <th scope="col">ARR</th>
              <th scope="col">Renewal</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {p.highest_risk.map((c) => (
              <tr key={c.client_id}>
                <th scope="row">
                  <Link to={`/clients/${c.client_id}`}>{c.name}</Link>
                </th>
                <td>
                  <Badge tone={CATEGORY_TONE[c.risk_category]}>
                    {c.churn_risk_score}% · {titleCase(c.risk_category)}
                  </Badge>
                </td>
                <td>{formatUsd(c.annual_recurring_revenue)}</td>
                <td>{c.days_to_renewal === null ? "—" : `in ${c.days_to_renewal} days`}</td>
                <td>
                  {c.risk_factors.map((f) => f.detail).join("; ") || "Nothing stands out beyond the overall pattern"}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2 id="model-performance">Model performance</h2>
      {!r ? (
        <>
          <EmptyState>No churn model has been trained yet. It trains every Monday; a VP can train it now.</EmptyState>
          {retrain}
        </>
      ) : (
        <>
          <p>
            {bt ? (
              <>
                Tested on the past: trained only on what was known at each of {"folds" in bt ? bt.folds.length : 1}{" "}
                cutoffs since {formatDate(bt.cutoff)} and checked against what clients then did. A client who went on to
                churn was ranked above one who renewed {pct(bt.next_renewal.auc)} of the time; of the riskiest tenth it
                flagged, {pct(bt.next_renewal.top_decile.precision)} churned (against {pct(baseRate)} overall).
              </>
            ) : (
              <>Not enough churns on both sides of a cutoff to test it on the past yet.</>
            )}{" "}
            Retrained every Monday on everything known; last trained {formatDate(r.trained_at)}.
          </p>
          {retrain}
          <details className="mt-4" id="model-details">
            <summary className="cursor-pointer font-semibold">Model details for analysts</summary>
            <p className="text-muted-foreground">
              Version {r.version}, trained {formatDate(r.trained_at)} ({r.trigger}) on data to{" "}
              {formatDate(r.trained_on_data_to)}: {r.training.rows} observations from {r.training.renewals} renewals,{" "}
              {r.training.churned} of them before a churn. Chosen model: {r.algorithm}.
              {winner && lr
                ? ` Chosen by rolling-origin cross-validation over observation dates: out-of-fold AUC ${f3(winner.auc)} against plain logistic regression's ${f3(lr.auc)}.`
                : ""}
            </p>
            {bt && "candidates" in bt ? (
              <Table compact aria-label="Candidate models">
                <caption>Candidates, each trained and tested on the same time folds ({r.selection?.rule})</caption>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">AUC</th>
                    <th scope="col">Brier</th>
                    <th scope="col">AUC per fold</th>
                    <th scope="col">Chosen</th>
                  </tr>
                </thead>
                <tbody>
                  {bt.candidates.map((c) => (
                    <tr key={c.model}>
                      <th scope="row">
                        {c.label}
                        {c.rounds ? ` (${c.rounds} rounds)` : ""}
                      </th>
                      <td>{f3(c.auc)}</td>
                      <td>{f3(c.brier)}</td>
                      <td>{c.fold_auc.map(f3).join(", ")}</td>
                      <td>{c.chosen ? "yes" : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : null}
            {bt ? (
              <>
                <CardGrid aria-label="Backtest">
                  <Card>
                    <CardTitle>AUC</CardTitle>
                    <CardValue>{f3(bt.next_renewal.auc)}</CardValue>
                    <CardNote>0.5 is chance, 1 is perfect ranking</CardNote>
                  </Card>
                  <Card>
                    <CardTitle>Brier score</CardTitle>
                    <CardValue>{f3(bt.next_renewal.brier)}</CardValue>
                    <CardNote>
                      lower is better; the base rate alone scores{" "}
                      {f3(baseRate === null ? null : baseRate * (1 - baseRate))}
                    </CardNote>
                  </Card>
                  <Card>
                    <CardTitle>Top decile precision</CardTitle>
                    <CardValue>{pct(bt.next_renewal.top_decile.precision)}</CardValue>
                    <CardNote>of the riskiest tenth churned (base rate {pct(baseRate)})</CardNote>
                  </Card>
                  <Card>
                    <CardTitle>Top decile recall</CardTitle>
                    <CardValue>{pct(bt.next_renewal.top_decile.recall)}</CardValue>
                    <CardNote>of all churners were in the riskiest tenth</CardNote>
                  </Card>
                </CardGrid>
                <div className="grid items-start gap-4 xl:grid-cols-2">
                  <Table compact aria-label="Calibration">
                    <caption>
                      Calibration (Platt scaling on out-of-fold scores
                      {r.calibration ? `: a = ${r.calibration.a.toFixed(3)}, b = ${r.calibration.b.toFixed(3)}` : ""}):
                      predicted against observed churn ({bt.next_renewal.rows} test observations,{" "}
                      {bt.next_renewal.churns} before a churn)
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Predicted</th>
                        <th scope="col">Observations</th>
                        <th scope="col">Mean predicted</th>
                        <th scope="col">Observed</th>
                      </tr>
                    </thead>
                    <tbody>
                      {bt.next_renewal.calibration.map((b) => (
                        <tr key={b.range[0]}>
                          <th scope="row">
                            {pct(b.range[0])}–{pct(b.range[1])}
                          </th>
                          <td>{b.count}</td>
                          <td>{pct(b.mean_predicted)}</td>
                          <td>{pct(b.observed_rate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                  <Table compact aria-label="By horizon">
                    <caption>Churn within 30, 60 and 90 days of each test observation</caption>
                    <thead>
                      <tr>
                        <th scope="col">Horizon</th>
                        <th scope="col">Observations</th>
                        <th scope="col">Churns</th>
                        <th scope="col">AUC</th>
                        <th scope="col">Brier</th>
                        <th scope="col">Top decile recall</th>
                      </tr>
                    </thead>
                    <tbody>
                      {bt.horizons.map((h) => (
                        <tr key={h.horizon}>
                          <th scope="row">{h.horizon} days</th>
                          <td>{h.rows}</td>
                          <td>{h.churns}</td>
                          <td>{f3(h.auc)}</td>
                          <td>{f3(h.brier)}</td>
                          <td>{pct(h.top_decile.recall)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </div>
              </>
            ) : null}
            <div className="grid items-start gap-4 xl:grid-cols-2">
              <Table compact aria-label="Strongest factors">
                <caption>
                  What the model leans on: mean |contribution| to the log-odds
                  {r.model === "logistic_regression" ? "; weight per standard deviation (+ raises risk)" : ""}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Feature</th>
                    <th scope="col">Group</th>
                    <th scope="col">Importance</th>
                    <th scope="col">Weight</th>
                  </tr>
                </thead>
                <tbody>
                  {r.top_factors.map((f) => (
                    <tr key={f.feature}>
                      <th scope="row">
                        {FEATURE_WORDS[f.feature] ?? f.feature}{" "}
                        <code className="text-xs text-muted-foreground">{f.feature}</code>
                      </th>
                      <td>{titleCase(f.factor.toUpperCase())}</td>
                      <td className="tabular-nums">{f.importance.toFixed(3)}</td>
                      <td className="tabular-nums">
                        {f.weight_per_sd === null
                          ? "—"
                          : `${f.weight_per_sd > 0 ? "+" : ""}${f.weight_per_sd.toFixed(3)}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <Table compact aria-label="Versions">
                <caption>Versions</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Trained</th>
                    <th scope="col">Trigger</th>
                    <th scope="col">Model</th>
                    <th scope="col">Observations</th>
                    <th scope="col">AUC</th>
                    <th scope="col">Brier</th>
                  </tr>
                </thead>
                <tbody>
                  {r.versions.map((v) => (
                    <tr key={v.version} className={v.is_current ? "me" : undefined}>
                      <th scope="row">
                        v{v.version}
                        {v.is_current ? " (current)" : ""}
                      </th>
                      <td>{formatDate(v.trained_at)}</td>
                      <td>{v.trigger}</td>
                      <td>{v.model === "gradient_boosted_trees" ? "Trees" : "LR"}</td>
                      <td>{v.training_rows}</td>
                      <td>{f3(v.backtest_auc)}</td>
                      <td>{f3(v.backtest_brier)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </details>
        </>
      )}
      {weights ? <WeightSuggestion s={weights} canApply={canApply} /> : null}
    </section>
  );
}

type Suggestion = NonNullable<Awaited<ReturnType<typeof defaultConfigSuggestion>>>;

/** US-015-020: weights that separate past churners from renewers, judged on renewals after the cutoff. */
function WeightSuggestion({ s, canApply }: { s: Suggestion; canApply: boolean }) {
  const keys = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;
  return (
    <section aria-label="Health-score weights" id="weights">
      <h2>Health-score weights from churn history</h2>
      {!s.suggested_weights ? (
        <EmptyState>No suggestion yet: it needs past renewals and churns with component scores before them.</EmptyState>
      ) : (
        <>
          <p className="text-muted-foreground">
            From {s.cases} past renewals ({s.churned} churned), scored on the components about 60 days before each.
            Backtest on the {s.backtest.test_cases} renewals since {formatDate(s.backtest.cutoff)} (
            {s.backtest.test_churns} churned): AUC <strong>{f3(s.backtest.current_auc)}</strong> with the current
            weights (v{s.config_version}), <strong>{f3(s.backtest.suggested_auc)}</strong> with weights fitted before
            that date.
          </p>
          <Table compact aria-label="Current and suggested weights">
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Current</th>
                <th scope="col">Suggested</th>
                <th scope="col">Churn log-odds per point</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k}>
                  <th scope="row">{titleCase(k.toUpperCase())}</th>
                  <td>{s.current_weights[k]}%</td>
                  <td>{s.suggested_weights![k]}%</td>
                  <td className="tabular-nums">{s.effect_per_point ? s.effect_per_point[k].toFixed(4) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {canApply ? (
            <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
              <Link
                to={`/admin/health-score?${new URLSearchParams({ scope: "default", ...Object.fromEntries(keys.map((k) => [`${k}_weight`, String(s.suggested_weights![k])])) })}`}
                prefetch="intent"
              >
                Preview these weights on the portfolio first
              </Link>
              <input type="hidden" name="intent" value="apply_weights" />
              <Button type="submit" variant="outline">
                Apply as a new version of the default configuration
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

import { renderHealthTrend } from "#app/charts/health-trend.server";
import { renderLoginHeatmap } from "#app/charts/login-heatmap.server";
import { renderCohortRadar } from "#app/charts/radar.server";
import { isCalendarDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import { BenchmarkQuery } from "#worker/core/inputs/analytics";
import { NoteListQuerySchema } from "#worker/core/inputs/notes-contacts";
import { parseInput } from "#worker/core/inputs/parse";
import { TimelineQuerySchema } from "#worker/core/inputs/timeline";
import { getAdoption } from "#worker/services/adoption";
import { clientBenchmark } from "#worker/services/benchmarks";
import { clientChurnRisk } from "#worker/services/churn";
import { clientOverviewExtras } from "#worker/services/client-overview";
import { type ClientDetail, contractFacts } from "#worker/services/clients";
import { listContacts } from "#worker/services/contacts";
import { listNotes } from "#worker/services/notes";
import { getTimeline } from "#worker/services/timeline";
import { getHeatmap, getUsage, getUsageUsers } from "#worker/services/usage";

import type { Tab } from "./client-tab-names";

// The client page's tabs: each loads only what it shows, beside the client itself (no
// waterfall), and charts are drawn here on the server. A bad filter comes back as tabError.

type Ctx = LoaderFunctionArgs["context"];
export type ErrorDetails = { param?: string | null; field?: string | null; message: string }[];

const badRequest = (param: string, message: string) =>
  new AppError("BAD_REQUEST", "Invalid query parameters", [{ param, message }]);

/** The churn panel: the prediction, or why there is none yet (no model trained, client not scored). */
async function churnOrReason(ctx: Ctx, clientId: string, now: Date) {
  try {
    return { risk: await clientChurnRisk(ctx.db, ctx.user, clientId, now), unavailable: null };
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422))
      return { risk: null, unavailable: err.message };
    throw err;
  }
}

async function load(tab: Tab, ctx: Ctx, clientId: string, rest: Record<string, string>, now: Date) {
  const { db, user } = ctx;
  switch (tab) {
    case "overview": {
      const { day, ...unknown } = rest;
      if (Object.keys(unknown).length) throw badRequest(Object.keys(unknown)[0], "is not a known parameter");
      if (day !== undefined && !isCalendarDate(day)) throw badRequest("day", "must be a date like 2026-02-15");
      const [overview, churn] = await Promise.all([
        clientOverviewExtras(db, user, clientId, day ?? null, now),
        churnOrReason(ctx, clientId, now),
      ]);
      return { overview: { ...overview, churn } };
    }
    case "timeline": {
      const q = parseInput(TimelineQuerySchema, rest, "timeline filter");
      return {
        timeline: await getTimeline(
          db,
          user,
          clientId,
          { types: q.type ?? [], q: q.q || null, from: q.from, to: q.to, page: q.page, limit: q.limit },
          now,
        ),
      };
    }
    case "notes":
      return { notes: await listNotes(db, user, clientId, parseInput(NoteListQuerySchema, rest, "notes filter")) };
    case "usage": {
      const [usage, users, heatmap] = await Promise.all([
        getUsage(db, user, clientId, now),
        getUsageUsers(db, user, clientId, now),
        getHeatmap(db, user, clientId, 30, now),
      ]);
      return { usageTab: { usage, users, heatmap, heatmapSvg: renderLoginHeatmap(heatmap.logins) } };
    }
    case "adoption":
      return { adoption: await getAdoption(db, user, clientId, undefined) };
    case "contacts":
      return { contactsTab: await listContacts(db, user, clientId, false) };
    case "contract":
      return { contract: await contractFacts(db, user, clientId) };
    case "benchmark": {
      const q = parseInput(BenchmarkQuery, rest, "cohort");
      const b = await clientBenchmark(db, user, clientId, q, now);
      return { benchmark: { ...b, radarSvg: "" } };
    }
  }
}

export async function loadClientTab(tab: Tab, ctx: Ctx, clientId: string, params: Record<string, string>, now: Date) {
  // Page-level parameters (tab, the email draft, a recommended action to log, the "saved"
  // confirmation after logging an activity) are not the tab's.
  const { tab: _tab, draft: _draft, log: _log, saved: _saved, ...rest } = params;
  try {
    return await load(tab, ctx, clientId, rest, now);
  } catch (err) {
    if (err instanceof AppError && (err.status === 400 || err.status === 422))
      return { tabError: { message: err.message, details: (err.details as ErrorDetails | null) ?? [] } };
    throw err;
  }
}

type Loaded = Awaited<ReturnType<typeof loadClientTab>>;

/** Charts that need the client itself, drawn once both have loaded. */
export function drawClientCharts(c: ClientDetail, loaded: Loaded, params: Record<string, string>) {
  if ("overview" in loaded && loaded.overview) {
    const o = loaded.overview;
    const chartSvg = renderHealthTrend({
      history: c.health_history,
      cohort: o.cohort,
      events: o.events,
      selectedDay: params.day ?? null,
      dayHref: (d) => `?tab=overview&day=${d}#day-breakdown`,
    });
    return { ...loaded, overview: { ...o, chartSvg } };
  }
  if ("benchmark" in loaded && loaded.benchmark) {
    return {
      ...loaded,
      benchmark: { ...loaded.benchmark, radarSvg: renderCohortRadar(loaded.benchmark.radar, c.name) },
    };
  }
  return loaded;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";

import { SystemSectionView } from "#app/components/system/system-section";
import { orPageError } from "#app/lib/page-errors.server";
import { aiModelConfig } from "#worker/core/ai/model-catalog";
import { systemStatus } from "#worker/services/observability/system-status";

// The admin's system page (issue 20, point 7): recalculation time, queue lag, dead letters, CRM
// failures and AI model health over the last 24 hours, the same figures as GET /system. Each
// section is one entry of the service's list; add an area there (or a component below by key).

export const meta: MetaFunction = () => [{ title: "System · Client Success Dashboard" }];

export const loader = ({ context }: LoaderFunctionArgs) =>
  orPageError(() => systemStatus(context.db, context.user, new Date(), aiModelConfig(context.cloudflare.env)));

export default function SystemPage() {
  const status = useLoaderData<typeof loader>();
  return (
    <section className="system">
      <h1 className="text-xl font-semibold">System</h1>
      <p className="mb-4 text-[13px] text-muted-foreground">
        Operational figures from {status.window.from.slice(0, 16).replace("T", " ")} to{" "}
        {status.window.to.slice(0, 16).replace("T", " ")} UTC (the last {status.window.hours} hours). The same data
        points go to Workers Analytics Engine (dataset client_success_metrics) for longer ranges.{" "}
        <Link to="/admin/ai-health">AI health</Link> · <Link to="/admin/crm">CRM sync</Link> ·{" "}
        <Link to="/admin/audit">Audit trail</Link>
      </p>
      {status.sections.map((s) => (
        <SystemSectionView key={s.key} section={s} />
      ))}
    </section>
  );
}

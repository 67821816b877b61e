import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";

import { AiHealthSection } from "#app/components/system/ai-health-section";
import { orPageError } from "#app/lib/page-errors.server";
import { aiFeatureHealthFor } from "#worker/services/ai/feature-health";

// AI health on its own page (admins and the VP of Client Success); the same section goes on
// /admin/system with the other operational metrics.

export const meta: MetaFunction = () => [{ title: "AI health · Client Success Dashboard" }];

export const loader = ({ context }: LoaderFunctionArgs) =>
  orPageError(() => aiFeatureHealthFor(context.db, context.user, context.cloudflare.env, new Date()));

export default function AiHealthPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <section>
      <h1 className="text-xl font-semibold">AI health</h1>
      <AiHealthSection data={data} />
    </section>
  );
}

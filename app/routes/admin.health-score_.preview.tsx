import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

import { AppError } from "#worker/core/errors";
import { healthConfigPreview } from "#worker/services/health/config-workspace";

// Resource route (no UI): the health-score page's live preview of a draft (?scope=…&usage_weight=…),
// fetched as the draft changes. The same service as the page, so both show the same figures.
export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    return Response.json(
      await healthConfigPreview(context.db, context.user, new URL(request.url).searchParams, new Date()),
    );
  } catch (err) {
    // The API's error shape, with its status (a resource route answers with a plain Response).
    if (err instanceof AppError && err.status < 500)
      return Response.json(
        { error: { code: err.code, message: err.message, details: err.details ?? null } },
        { status: err.status },
      );
    throw err;
  }
}

import { type ActionFunctionArgs, redirect } from "@remix-run/cloudflare";

import { AppError } from "#worker/core/errors";
import { scheduleCall } from "#worker/services/schedule-call";

// Resource route (no UI): answers the schedule-call form with the .ics file itself. A refusal
// goes back to the client page, which shows the reason in the form.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const clientId = params.id ?? "";
  const start = String(form.get("start") ?? "");
  try {
    const { ics, filename } = await scheduleCall(
      context.db,
      context.user,
      clientId,
      {
        start: start.length === 16 ? `${start}:00Z` : start,
        minutes: Number(form.get("minutes") || 30),
        subject: String(form.get("subject") ?? ""),
        contactId: String(form.get("contact") ?? "") || null,
      },
      new Date(),
    );
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
      },
    });
  } catch (err) {
    if (err instanceof AppError && err.status === 404)
      throw new Response("This client does not exist or is not in your portfolio.", { status: 404 });
    if (err instanceof AppError && (err.status === 400 || err.status === 422)) {
      const why = (err.details as { message: string }[] | null)?.map((d) => d.message).join("; ") || err.message;
      return redirect(`/clients/${clientId}?${new URLSearchParams({ schedule_error: why })}`);
    }
    throw err;
  }
}

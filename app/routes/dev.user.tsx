import { redirect, type ActionFunctionArgs } from "@remix-run/cloudflare";
import { setDevUserCookie } from "../../worker/services/identity";

// Local development only: remember which seeded user to act as (the header's user switcher).
export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.localDevMode) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const target = String(form.get("redirect_to") ?? "/");
  const safeTarget = target.startsWith("/") && !target.startsWith("//") ? target : "/";
  return redirect(safeTarget, { headers: { "set-cookie": setDevUserCookie(email) } });
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}

import { safeRedirectTarget } from "./core/safe-redirect";
import type { Db } from "./db/client";
import { devIdentityAllowed, devUserChoices, type IdentityEnv, setDevUserCookie } from "./services/identity";

// Local development's sign-in (issue 20, point 5): with no identity a page shows this choice of
// the seeded users instead of acting as anyone. /dev/user answers only when development
// identity applies (LOCAL_DEV_MODE and a loopback host); anywhere else it does not exist (404).
// It is a plain HTML form (no Remix route): it has to work before anyone is signed in.

export const DEV_SIGN_IN_PATH = "/dev/user";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(body: string, status: number): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** The sign-in choice page: one button per active seeded user, back to `redirectTo` afterwards. */
export async function signInChoicePage(
  db: Db,
  redirectTo: string,
  status = 401,
  problem: string | null = null,
): Promise<Response> {
  const target = safeRedirectTarget(redirectTo);
  const users = await devUserChoices(db);
  const buttons = users
    .map(
      (u) =>
        `<li><form method="post" action="${DEV_SIGN_IN_PATH}"><input type="hidden" name="email" value="${escapeHtml(u.email)}"><input type="hidden" name="redirect_to" value="${escapeHtml(target)}"><button type="submit" style="font:inherit;padding:.5rem .9rem;cursor:pointer;min-width:22rem;text-align:left">${escapeHtml(u.label)}<br><small style="color:#555">${escapeHtml(u.email)}</small></button></form></li>`,
    )
    .join("\n");
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in (local development)</title></head>
<body style="font-family:system-ui;margin:3rem;max-width:44rem">
<h1>Sign in (local development)</h1>
<p>No one is signed in. In production Cloudflare Access says who you are; here, choose one of the seeded users to act as.</p>
${problem ? `<p role="alert" style="color:#b00020">${escapeHtml(problem)}</p>` : ""}
<ul style="list-style:none;padding:0;display:grid;gap:.5rem">
${buttons}
</ul>
</body></html>`;
  return html(body, status);
}

/** GET shows the choice; POST (a same-origin form) sets the dev_user cookie and goes back. */
export async function handleDevSignIn(request: Request, env: IdentityEnv, db: Db): Promise<Response> {
  if (!devIdentityAllowed(env, request)) return html("<!doctype html><title>Not found</title><h1>Not found</h1>", 404);
  const url = new URL(request.url);
  if (request.method === "GET" || request.method === "HEAD")
    return signInChoicePage(db, url.searchParams.get("redirect_to") ?? "/", 200);
  if (request.method !== "POST")
    return new Response("Method not allowed", { status: 405, headers: { allow: "GET, POST" } });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return signInChoicePage(db, "/", 400, "The sign-in form could not be read.");
  }
  const email = String(form.get("email") ?? "")
    .trim()
    .toLowerCase();
  const target = safeRedirectTarget(String(form.get("redirect_to") ?? "/"));
  const known = (await devUserChoices(db)).some((u) => u.email.toLowerCase() === email);
  if (!known) return signInChoicePage(db, target, 400, "That is not one of the seeded users.");
  return new Response(null, { status: 302, headers: { location: target, "set-cookie": setDevUserCookie(email) } });
}

import "./styles.css";

import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/cloudflare";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
} from "@remix-run/react";

import { can } from "#worker/core/access-policy";
import { unreadAlertCount } from "#worker/services/alerts/alert-workflow";
import { devUserChoices } from "#worker/services/identity";

import { AlertBell } from "./components/alerts/alert-bell";
import { CommandPalette } from "./components/command-palette";
import { TimeZoneCookie } from "./components/time-zone-cookie";
import { Button } from "./components/ui/button";
import { useNonce } from "./lib/nonce";
import { paletteEntries } from "./lib/palette-entries";
import { timeZoneOf } from "./lib/time-zone.server";

export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { user, localDevMode, db } = context;
  // The user switcher exists only in local development mode.
  const [devUsers, alerts] = await Promise.all([localDevMode ? devUserChoices(db) : [], unreadAlertCount(db, user)]);
  return {
    user: { name: `${user.first_name} ${user.last_name}`, email: user.email, role: user.role },
    runsCrmSync: can(user.role, "crm.operate"),
    seesSystem: can(user.role, "system.read"),
    devUsers,
    alerts,
    timeZone: timeZoneOf(request),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

const NAV = [
  ["/", "Portfolio"],
  ["/briefing", "Briefing"],
  ["/tasks", "Tasks"],
  ["/assistant", "Assistant"],
  ["/executive", "Executive summary"],
  ["/churn-model", "Churn risk"],
  ["/team", "CSM performance"],
  ["/benchmarks", "Benchmarks"],
] as const;
/** Shown to the roles that run the CRM sync and read the audit trail (the pages themselves refuse everyone else). */
const OPERATOR_NAV = [
  ["/admin/health-score", "Health score"],
  ["/admin/crm", "CRM sync"],
  ["/admin/audit", "Audit trail"],
] as const;
const ADMIN_NAV = [["/admin/system", "System"]] as const;

function Header() {
  const { user, devUsers, alerts, runsCrmSync, seesSystem } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <header className="flex flex-wrap items-center gap-x-8 gap-y-2 bg-header px-6 py-3 text-white">
      <Link to="/" prefetch="intent" className="text-base font-semibold text-white no-underline hover:no-underline">
        Client Success Dashboard
      </Link>
      <nav className="mr-auto flex flex-wrap gap-x-5 gap-y-1" aria-label="Main">
        {[...NAV, ...(runsCrmSync ? OPERATOR_NAV : []), ...(seesSystem ? ADMIN_NAV : [])].map(([href, label]) => (
          <Link
            key={href}
            to={href}
            prefetch="intent"
            aria-current={location.pathname === href ? "page" : undefined}
            className="whitespace-nowrap border-b-2 border-transparent py-0.5 text-slate-300 no-underline hover:text-white hover:no-underline aria-[current=page]:border-white aria-[current=page]:text-white"
          >
            {label}
          </Link>
        ))}
      </nav>
      <CommandPalette
        {...paletteEntries(
          [...NAV, ...(runsCrmSync ? OPERATOR_NAV : []), ...(seesSystem ? ADMIN_NAV : [])],
          runsCrmSync,
        )}
      />
      <AlertBell initial={alerts} />
      <div>
        {devUsers.length > 0 ? (
          <Form method="post" action="/dev/user" className="flex items-center gap-2" reloadDocument>
            <label htmlFor="dev-user" className="text-slate-200">
              Local user
            </label>
            <select id="dev-user" name="email" defaultValue={user.email} className="max-w-60">
              {devUsers.map((u) => (
                <option key={u.email} value={u.email}>
                  {u.label}
                </option>
              ))}
            </select>
            <input type="hidden" name="redirect_to" value={location.pathname + location.search} />
            <Button type="submit" size="sm">
              Switch
            </Button>
          </Form>
        ) : (
          <span>
            {user.name} · {user.role.replaceAll("_", " ")}
          </span>
        )}
      </div>
    </header>
  );
}

/**
 * While a page loads after a click (client-side navigation), a bar runs along the top and the
 * page is marked busy, so a slow D1 round trip never looks like a dead click.
 */
function NavigationProgress() {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      aria-hidden={!busy}
      className={`fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden ${busy ? "" : "invisible"}`}
    >
      <div className={`h-full bg-sky-400 ${busy ? "animate-pulse" : ""}`} />
    </div>
  );
}

export default function App() {
  const navigation = useNavigation();
  return (
    <>
      <NavigationProgress />
      <TimeZoneCookie current={useLoaderData<typeof loader>().timeZone} />
      <Header />
      <main
        aria-busy={navigation.state === "loading"}
        className="mx-auto max-w-7xl px-6 py-5 transition-opacity aria-busy:opacity-60"
      >
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === "string"
      ? error.data
      : error.statusText
    : "Something went wrong on our side.";
  return (
    <main className="error-page mx-auto max-w-3xl px-6 py-8">
      <h1>
        {status === 404 ? "Not found" : status === 400 ? "Bad request" : status === 403 ? "Not allowed" : "Error"}
      </h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the portfolio</a>
      </p>
    </main>
  );
}

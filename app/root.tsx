import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { devUserChoices } from "../worker/services/identity";
import stylesHref from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const { user, localDevMode, db } = context;
  // The user switcher exists only in local development mode.
  const devUsers = localDevMode ? await devUserChoices(db) : [];
  return {
    user: { name: `${user.first_name} ${user.last_name}`, email: user.email, role: user.role },
    devUsers,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
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
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

const NAV = [
  ["/", "Portfolio"],
  ["/executive", "Executive summary"],
  ["/team", "CSM performance"],
  ["/benchmarks", "Benchmarks"],
] as const;

function Header() {
  const { user, devUsers } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <header className="app-header">
      <a href="/" className="brand">
        Client Success Dashboard
      </a>
      <nav className="app-nav" aria-label="Main">
        {NAV.map(([href, label]) => (
          <a key={href} href={href} aria-current={location.pathname === href ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div className="who">
        {devUsers.length > 0 ? (
          <Form method="post" action="/dev/user" className="switcher" reloadDocument>
            <label htmlFor="dev-user">Local user</label>
            <select id="dev-user" name="email" defaultValue={user.email}>
              {devUsers.map((u) => (
                <option key={u.email} value={u.email}>
                  {u.label}
                </option>
              ))}
            </select>
            <input type="hidden" name="redirect_to" value={location.pathname + location.search} />
            <button type="submit">Switch</button>
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

export default function App() {
  return (
    <>
      <Header />
      <main>
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === "string" ? error.data : error.statusText
    : "Something went wrong on our side.";
  return (
    <main className="error-page">
      <h1>{status === 404 ? "Not found" : status === 400 ? "Bad request" : status === 403 ? "Not allowed" : "Error"}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the portfolio</a>
      </p>
    </main>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

import { paletteClients } from "#worker/services/command-palette";

// Resource route (no UI): the clients the command palette (Ctrl/Cmd-K) can jump to, in the
// caller's scope.
export async function loader({ context }: LoaderFunctionArgs) {
  return { clients: await paletteClients(context.db, context.user, new Date()) };
}

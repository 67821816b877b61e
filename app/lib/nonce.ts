import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce (worker/page-handler.ts makes it, entry.server.tsx provides it): the
 * only inline scripts a page may run are Remix's own, which carry it. Empty in the browser,
 * where nothing is rendered inline after hydration.
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);

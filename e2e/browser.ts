import { existsSync } from "node:fs";

import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

// Debian's Chromium (apt-get install -y chromium); Playwright cannot download its own here.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function assertBrowserAvailable(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. ` +
      "Browser tests are part of npm test and are never skipped.",
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** One Chromium for a test file: launched before its tests, closed after. `get()` returns it. */
export function useBrowser(
  beforeAll: (fn: () => Promise<void>) => void,
  afterAll: (fn: () => Promise<void>) => void,
): { get(): Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get() {
      if (!browser) throw new Error("the browser is not launched yet");
      return browser;
    },
  };
}

/** Where screenshots go (e2e/.artifacts, ignored by git). */
export const SHOTS_DIR = new URL("./.artifacts/", import.meta.url).pathname;

/**
 * Signs a browser context in (local dev mode) as `email`: the dev_user cookie that the sign-in
 * choice page (/dev/user) sets. Without it a page shows that choice, not any user. The base URL
 * must be a loopback host (127.0.0.1, localhost): development identity is refused elsewhere.
 */
export async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<void> {
  await context.addCookies([{ name: "dev_user", value: encodeURIComponent(email), url: baseUrl }]);
}

/**
 * A fresh browser context signed in (local dev mode) as `email`, with a 10 s default timeout
 * and the page's console errors and uncaught exceptions collected: a test ends by asserting
 * `errors` is empty.
 */
export async function pageAs(
  browser: Browser,
  baseUrl: string,
  email: string,
  options: { acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  context.setDefaultTimeout(10_000);
  await signIn(context, baseUrl, email);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

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
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** One Chromium for a test file: launched before its tests, closed after. `get()` returns it. */
export function useBrowser(beforeAll: (fn: () => Promise<void>) => void, afterAll: (fn: () => Promise<void>) => void): { get(): Browser } {
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

import { type DeliveryResult, sendOrNetworkError } from "./delivery-result";

// Slack incoming webhook with Block Kit (200 "ok"; errors are plain-text strings with a status,
// 429 with Retry-After). Limits: header text 150 characters, section text 3000, 50 blocks.
// ../shared/reference/slack.

export interface SlackAlert {
  title: string;
  severity: string;
  client: string;
  description: string;
  analysis: string | null;
  action: string | null;
  url: string | null;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Slack mrkdwn needs &, < and > escaped. */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackBody(a: SlackAlert) {
  return {
    text: cut(`[${a.severity}] ${a.title}`, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(`${a.severity}: ${a.title}`, 150) } },
      { type: "section", text: { type: "mrkdwn", text: cut(esc(a.description), 3000) } },
      ...(a.analysis
        ? [{ type: "section", text: { type: "mrkdwn", text: cut(`*Analysis*\n${esc(a.analysis)}`, 3000) } }]
        : []),
      ...(a.action
        ? [{ type: "section", text: { type: "mrkdwn", text: cut(`*Recommended action*\n${esc(a.action)}`, 3000) } }]
        : []),
      ...(a.url
        ? [{ type: "section", text: { type: "mrkdwn", text: `<${a.url}|Open ${esc(a.client)} in the dashboard>` } }]
        : []),
    ],
  };
}

export function postToSlack(webhookUrl: string, a: SlackAlert): Promise<DeliveryResult> {
  return sendOrNetworkError("Slack", () =>
    fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slackBody(a)),
    }),
  );
}

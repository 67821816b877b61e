// An alert as an email and as a Slack message: the same facts, linked back to the client.

export interface AlertForMessage {
  title: string;
  severity: string;
  description: string;
  ai_analysis: string | null;
  ai_recommended_action: string | null;
  client_id: string;
  client_name: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function alertEmail(a: AlertForMessage, appUrl: string, recipientName: string) {
  const link = appUrl ? `${appUrl.replace(/\/$/, "")}/clients/${a.client_id}` : null;
  const lines = [
    `Hi ${recipientName.split(" ")[0]},`,
    "",
    a.description,
    ...(a.ai_analysis ? ["", a.ai_analysis] : []),
    ...(a.ai_recommended_action ? ["", `Recommended: ${a.ai_recommended_action}`] : []),
    ...(link ? ["", link] : []),
  ];
  return {
    subject: `[${a.severity}] ${a.title}`,
    text: lines.join("\n"),
    html: [
      `<p>Hi ${escapeHtml(recipientName.split(" ")[0])},</p>`,
      `<p>${escapeHtml(a.description)}</p>`,
      a.ai_analysis ? `<p>${escapeHtml(a.ai_analysis)}</p>` : "",
      a.ai_recommended_action ? `<p><strong>Recommended:</strong> ${escapeHtml(a.ai_recommended_action)}</p>` : "",
      link ? `<p><a href="${escapeHtml(link)}">Open ${escapeHtml(a.client_name)}</a></p>` : "",
    ].join(""),
  };
}

export function clientLink(appUrl: string, clientId: string): string | null {
  return appUrl ? `${appUrl.replace(/\/$/, "")}/clients/${clientId}` : null;
}

import { type DeliveryResult, sendOrNetworkError } from "./delivery-result";

// SendGrid v3 Mail Send (POST /v3/mail/send, Bearer key, 202 Accepted with an empty body;
// errors are { "errors": [{ "message", "field", "help" }] }). ../shared/reference/sendgrid.

export interface Email {
  to: { email: string; name: string };
  from: string;
  subject: string;
  text: string;
  html: string;
  categories?: string[];
}

export function sendgridBody(e: Email) {
  return {
    personalizations: [{ to: [{ email: e.to.email, name: e.to.name }] }],
    from: { email: e.from, name: "Client Success Dashboard" },
    subject: e.subject,
    content: [
      { type: "text/plain", value: e.text },
      { type: "text/html", value: e.html },
    ],
    ...(e.categories ? { categories: e.categories } : {}),
  };
}

export function sendEmail(cfg: { baseUrl: string; apiKey: string }, e: Email): Promise<DeliveryResult> {
  return sendOrNetworkError("SendGrid", () =>
    fetch(`${cfg.baseUrl.replace(/\/$/, "")}/v3/mail/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${cfg.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(sendgridBody(e)),
    }),
  );
}

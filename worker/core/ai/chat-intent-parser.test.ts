import { describe, expect, it } from "vitest";

import { type ChatIntent, type ConversationState, parseChatMessage, type ParseContext } from "./chat-intent-parser";

const clients = [
  { id: "acme", name: "Acme Corporation" },
  { id: "beta", name: "Beta Industries" },
  { id: "aspen-h", name: "Aspen Health" },
  { id: "aspen-hs", name: "Aspen Health System" },
  { id: "aspen-l", name: "Aspen Logistics" },
  { id: "atlas", name: "Atlas Works" },
  { id: "bluewater", name: "Bluewater Bancorp" },
];
const ctx = (over: Partial<ParseContext> = {}): ParseContext => ({
  today: "2026-11-24",
  clients,
  csms: [
    { id: "jane", name: "Jane Smith" },
    { id: "john", name: "John Doe" },
    { id: "nina-p", name: "Nina Phillips" },
    { id: "nina-w", name: "Nina Williams" },
  ],
  industries: ["Manufacturing", "Healthcare", "Financial Services", "Technology", "Transportation"],
  me: { id: "jane", name: "Jane Smith" },
  previous: null,
  pageClientId: null,
  ...over,
});
const parse = (m: string, over: Partial<ParseContext> = {}) => parseChatMessage(m, ctx(over));
const clientOf = (i: ChatIntent) => ("client" in i && i.client ? i.client.id : null);

describe("intents, phrased many ways (with typos)", () => {
  it.each([
    "Show me at-risk clients",
    "show me at risk clents",
    "which accounts are in trouble?",
    "Who should I worry about?",
    "list my critical clients",
    "which customers might churn",
    "clients that need attention",
    "any at-rsk acounts?",
  ])("at risk: %s", (m) => {
    const i = parse(m);
    expect(i.kind).toBe("list_clients");
    expect(i.kind === "list_clients" && i.preset).toBe("at_risk");
  });

  it.each([
    ["What's going on with Acme Corp?", "acme"],
    ["whats goin on with acme", "acme"],
    ["Tell me about Beta Industries", "beta"],
    ["how is Atlas Works doing", "atlas"],
    ["give me an overview of Bluewater", "bluewater"],
    ["Acme Corporation?", "acme"],
    ["status of Acme Crop", "acme"],
    ["catch me up on aspen logistcs", "aspen-l"],
    ["Aspen Health", "aspen-h"],
    ["Aspen Health System status", "aspen-hs"],
  ])("client status: %s", (m, id) => {
    const i = parse(m);
    expect(i.kind).toBe("client_status");
    expect(clientOf(i)).toBe(id);
  });

  it.each([
    ["Why is Acme's health score dropping?", "acme"],
    ["why is acmes health droping", "acme"],
    ["what's driving Beta's decline?", "beta"],
    ["explain Atlas Works' score", "atlas"],
    ["What is causing the drop at Bluewater Bancorp?", "bluewater"],
    ["whats wrong with acme", "acme"],
  ])("health drivers: %s", (m, id) => {
    const i = parse(m);
    expect(i.kind).toBe("health_drivers");
    expect(clientOf(i)).toBe(id);
  });

  it.each([
    ["Which clients are ready for upsell?", null],
    ["who is ready for upsel", null],
    ["expansion opportunities in manufacturing", null],
    ["any cross-sell candidates?", null],
    ["Is Acme ready to expand?", "acme"],
  ])("expansion: %s", (m, id) => {
    const i = parse(m);
    expect(i.kind).toBe("expansion");
    expect(clientOf(i)).toBe(id);
  });

  it.each([
    ["How does Acme compare to similar clients?", "acme"],
    ["benchmark Beta Industries against peers", "beta"],
    ["acme vs its cohort", "acme"],
    ["how does Atlas stack up?", "atlas"],
  ])("compare: %s", (m, id) => {
    const i = parse(m);
    expect(i.kind).toBe("compare");
    expect(clientOf(i)).toBe(id);
  });

  it.each([
    ["What did I do with clients last week?", "2026-11-16", "2026-11-22"],
    ["what have I done this week", "2026-11-23", "2026-11-24"],
    ["my activity in the last 30 days", "2026-10-25", "2026-11-24"],
    ["who did I talk to yesterday", "2026-11-23", "2026-11-23"],
    ["my calls last month", "2026-10-01", "2026-10-31"],
    ["activity summary", "2026-11-17", "2026-11-24"],
  ])("my activity: %s", (m, from, to) => {
    const i = parse(m);
    expect(i).toMatchObject({ kind: "my_activity", period: { from, to } });
  });

  it.each(["What can you do?", "help", "hi"])("help: %s", (m) => expect(parse(m).kind).toBe("help"));

  it.each(["What's the weather in Paris?", "order me a pizza", "asdf qwerty", "who won the game"])(
    "cannot answer: %s",
    (m) => expect(parse(m).kind).toBe("unknown"),
  );
});

describe("filters (the plan table in plan-accuracy.test.ts covers the phrasings)", () => {
  it("asks which CSM when a first name is shared, and which client when a name is", () => {
    expect(parse("Nina's clients in healthcare")).toMatchObject({ kind: "clarify" });
    const i = parse("what's going on with Aspen?");
    expect(i.kind).toBe("clarify");
    expect(i.kind === "clarify" && i.options.map((o) => o.id).sort()).toEqual(["aspen-h", "aspen-hs", "aspen-l"]);
  });
  it("high churn risk and money words without a filter are not mistaken for ARR", () => {
    expect(parse("clients with high churn risk")).toMatchObject({
      plan: { conditions: [{ metric: "churn_risk", op: "gte", value: 50 }] },
    });
    expect(parse("health dropped more than 10 points")).toMatchObject({
      plan: { conditions: [{ metric: "health_change", op: "lt", value: -10, window_days: 30 }] },
    });
  });
});

describe("follow-ups keep the conversation's context", () => {
  const afterList: ConversationState = {
    last_intent: "list_clients",
    filter: null,
    result_ids: ["acme", "beta"],
    focus_client_id: null,
    offered: "email_drafts",
  };
  it("drafts for a named client, the listed ones on 'yes', or 'them'", () => {
    expect(parse("Yes, draft an email for Acme Corp", { previous: afterList })).toEqual({
      kind: "email_draft",
      clients: [clients[0]],
    });
    expect(parse("yes please", { previous: afterList })).toEqual({
      kind: "email_draft",
      clients: [clients[0], clients[1]],
    });
    expect(parse("write outreach emails to them", { previous: afterList })).toEqual({
      kind: "email_draft",
      clients: [clients[0], clients[1]],
    });
    expect(parse("yes", { previous: null }).kind).toBe("unknown");
  });
  it("resolves 'the second one' and 'it'", () => {
    expect(clientOf(parse("why is the second one dropping?", { previous: afterList }))).toBe("beta");
    const focus: ConversationState = {
      ...afterList,
      last_intent: "client_status",
      result_ids: ["acme"],
      focus_client_id: "acme",
    };
    expect(parse("why is it dropping?", { previous: focus })).toMatchObject({
      kind: "health_drivers",
      client: { id: "acme" },
    });
    expect(parse("how does it compare to peers?", { previous: focus })).toMatchObject({
      kind: "compare",
      client: { id: "acme" },
    });
    expect(parse("what about Beta Industries?", { previous: focus })).toMatchObject({
      kind: "client_status",
      client: { id: "beta" },
    });
    expect(parse("draft an email", { previous: focus })).toEqual({ kind: "email_draft", clients: [clients[0]] });
  });
  it("narrows the previous list", () => {
    const first = parse("renewals in the next 90 days");
    expect(first.kind).toBe("list_clients");
    const prev: ConversationState = {
      last_intent: "list_clients",
      filter: null,
      plan: first.kind === "list_clients" ? first.plan : null,
      result_ids: [],
      focus_client_id: null,
      offered: null,
    };
    expect(parse("only enterprise ones over $100k", { previous: prev })).toMatchObject({
      kind: "list_clients",
      plan: {
        categories: [{ field: "tier", values: ["ENTERPRISE"], negate: false }],
        conditions: [
          { metric: "days_to_renewal", op: "gte", value: 0 },
          { metric: "days_to_renewal", op: "lte", value: 90 },
          { metric: "arr", op: "gt", value: 100_000 },
        ],
      },
    });
  });
  it("uses the page's client when none is named", () => {
    expect(parse("why is the health score dropping?", { pageClientId: "beta" })).toMatchObject({
      kind: "health_drivers",
      client: { id: "beta" },
    });
    expect(parse("draft an email", { pageClientId: "beta" })).toEqual({ kind: "email_draft", clients: [clients[1]] });
    expect(parse("why is the health score dropping?").kind).toBe("clarify");
  });
});

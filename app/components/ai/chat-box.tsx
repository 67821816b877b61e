import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

import { Button } from "#app/components/ui/button";

import { ChatResults } from "./chat-results";
import { FeedbackButtons } from "./feedback-buttons";

export type ChatTurn = {
  role: "user" | "assistant";
  content: string;
  provider?: string | null;
  note?: string | null;
  results?: (Record<string, unknown> & { client_id: string | null; name: string })[];
  interaction_id?: string | null;
  rating?: string | null;
};

type Reply =
  | {
      conversation_id: string;
      answer: string;
      provider: string;
      note: string | null;
      results: ChatTurn["results"];
      interaction_id: string;
    }
  | { error: string };

const PROVIDER = (p: string | null | undefined) => (p === "workers-ai" ? "Workers AI" : "local assistant");

/** One conversation's turns with their results and thumbs. */
export function ChatTranscript({ turns }: { turns: ChatTurn[] }) {
  return (
    <ol className="chat-transcript grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2" aria-live="polite">
      {turns.map((t, i) => (
        <li
          key={i}
          className={
            t.role === "user"
              ? "chat-user min-w-0 max-w-full justify-self-end rounded-lg bg-muted px-3 py-1.5 text-[13px] [overflow-wrap:anywhere]"
              : "chat-answer min-w-0 rounded-lg border border-border px-3 py-2 text-[13px] [overflow-wrap:anywhere]"
          }
        >
          <p className="whitespace-pre-wrap">{t.content}</p>
          {t.role === "assistant" ? (
            <>
              <ChatResults results={t.results ?? []} />
              <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
                <span>
                  Answered by the {PROVIDER(t.provider)}
                  {t.note ? ` · ${t.note}` : ""}
                </span>
                <FeedbackButtons interactionId={t.interaction_id ?? null} rating={t.rating ?? null} />
              </div>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Chat with the assistant. With JavaScript it stays in place (a fetcher); without, the form
 * posts to /assistant, which shows the conversation. `clientId` is the client whose page this
 * is, so "why is it dropping?" means this client.
 */
export function ChatBox({
  clientId,
  conversationId: initialId = null,
  turns: initialTurns = [],
  placeholder,
}: {
  clientId?: string;
  conversationId?: string | null;
  turns?: ChatTurn[];
  placeholder?: string;
}) {
  const fetcher = useFetcher<Reply>();
  const [turns, setTurns] = useState<ChatTurn[]>(initialTurns);
  const [conversationId, setConversationId] = useState<string | null>(initialId);
  const [hydrated, setHydrated] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const pending = fetcher.state !== "idle" ? String(fetcher.formData?.get("message") ?? "") : null;
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    const d = fetcher.data;
    if (!d || fetcher.state !== "idle") return;
    if ("error" in d) return;
    setConversationId(d.conversation_id);
    setTurns((t) => [
      ...t,
      {
        role: "assistant",
        content: d.answer,
        provider: d.provider,
        note: d.note,
        results: d.results,
        interaction_id: d.interaction_id,
      },
    ]);
    form.current?.reset();
  }, [fetcher.data, fetcher.state]);
  return (
    <div className="chat-box grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2">
      <ChatTranscript turns={turns} />
      {pending ? (
        <p className="text-xs text-muted-foreground" role="status">
          Thinking…
        </p>
      ) : null}
      {fetcher.data && "error" in fetcher.data ? (
        <p className="text-xs text-destructive" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
      {/* Always the fetcher's form: swapping element types at hydration would drop what was typed. */}
      <fetcher.Form
        ref={form}
        method="post"
        action="/assistant"
        className="flex gap-2"
        onSubmit={(e) => {
          const message = String(new FormData(e.currentTarget).get("message") ?? "").trim();
          if (hydrated && message) setTurns((t) => [...t, { role: "user", content: message }]);
        }}
      >
        <input type="hidden" name="intent" value="chat" />
        {hydrated ? <input type="hidden" name="reply" value="json" /> : null}
        {conversationId ? <input type="hidden" name="conversation_id" value={conversationId} /> : null}
        {clientId ? <input type="hidden" name="client_id" value={clientId} /> : null}
        <label className="sr-only" htmlFor={`chat-${clientId ?? "all"}`}>
          Ask the assistant
        </label>
        <input
          id={`chat-${clientId ?? "all"}`}
          name="message"
          required
          maxLength={1000}
          autoComplete="off"
          placeholder={placeholder ?? "Ask about your clients…"}
          className="min-w-0 flex-1 rounded-md border border-input bg-background px-2 py-1 text-[13px]"
        />
        <Button type="submit" size="sm" disabled={pending !== null}>
          Ask
        </Button>
      </fetcher.Form>
    </div>
  );
}

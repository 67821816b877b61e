import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";

import { ChatBox, type ChatTurn } from "#app/components/ai/chat-box";
import { Panel } from "#app/components/ui/panel";
import { parseForm } from "#app/lib/form-input.server";
import { formatDate } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { AppError } from "#worker/core/errors";
import { AiFeedbackSchema, ChatRequestSchema } from "#worker/core/inputs/ai";
import { chat, recordAiFeedback, userConversation, userConversations } from "#worker/services/ai/chat";

// The assistant (PRD conversational interface): the user's stored conversations and a chat
// over their portfolio. Its action also takes the chat box and thumbs from other pages.

export const meta: MetaFunction = () => [{ title: "Assistant · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const id = new URL(request.url).searchParams.get("c");
    const [list, current] = await Promise.all([
      userConversations(context.db, context.user),
      id ? userConversation(context.db, context.user, id) : null,
    ]);
    return { conversations: list.data, current };
  });

const sameSite = (path: string | null) => (path && /^\/(?![/\\])[^\s]*$/.test(path) ? path : null);

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const json = form.get("reply") === "json";
  const opt = (k: string) => (form.get(k) ? String(form.get(k)) : undefined);
  try {
    if (intent === "chat") {
      const input = parseForm(ChatRequestSchema, form, "chat message", (f) => ({
        message: f.text("message"),
        conversation_id: f.optional("conversation_id"),
        client_id: f.optional("client_id"),
      }));
      const answer = await chat(context.cloudflare.env, context.db, context.user, input, new Date());
      return json ? answer : redirect(`/assistant?c=${answer.conversation_id}`);
    }
    if (intent === "feedback") {
      const input = parseForm(AiFeedbackSchema, form, "feedback", (f) => ({
        interaction_id: f.text("interaction_id"),
        rating: f.text("rating"),
        comment: f.optional("comment"),
      }));
      const saved = await recordAiFeedback(context.db, context.user, input);
      const back = sameSite(opt("return_to") ?? null);
      // A fetcher gets the vote back; a plain form post returns to the page it came from.
      return back && request.headers.get("accept")?.includes("text/html") ? redirect(back) : saved;
    }
    throw new AppError("BAD_REQUEST", "Unknown form");
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const details = Array.isArray(err.details)
        ? (err.details as { field?: string; message: string }[])
            .map((d) => `${d.field ?? ""} ${d.message}`.trim())
            .join("; ")
        : "";
      return data({ error: details ? `${err.message}: ${details}` : err.message }, { status: err.status });
    }
    throw err;
  }
}

export default function Assistant() {
  const { conversations, current } = useLoaderData<typeof loader>();
  const turns: ChatTurn[] = (current?.messages ?? []).map((m) => ({
    role: m.role,
    content: m.content,
    provider: m.provider,
    results: m.results as ChatTurn["results"],
    interaction_id: m.interaction_id,
    rating: m.rating,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <nav aria-label="Conversations" className="text-[13px]">
        <h2 className="mb-2 text-sm font-semibold">Conversations</h2>
        <p>
          <Link to="/assistant">+ New conversation</Link>
        </p>
        <ul className="mt-2 grid gap-1">
          {conversations.map((c) => (
            <li key={c.id}>
              <Link
                to={`/assistant?c=${c.id}`}
                aria-current={current?.id === c.id ? "page" : undefined}
                className={current?.id === c.id ? "font-semibold" : undefined}
              >
                {c.title}
              </Link>
              <span className="block text-xs text-muted-foreground">{formatDate(c.updated_at)}</span>
            </li>
          ))}
          {conversations.length === 0 ? <li className="text-muted-foreground">None yet.</li> : null}
        </ul>
      </nav>
      <Panel className="assistant mt-0">
        <h1 className="mb-2 text-lg font-semibold">{current?.title ?? "Ask about your portfolio"}</h1>
        <ChatBox
          key={current?.id ?? "new"}
          conversationId={current?.id ?? null}
          turns={turns}
          placeholder='e.g. "Renewals in the next 60 days over $50K"'
        />
      </Panel>
    </div>
  );
}

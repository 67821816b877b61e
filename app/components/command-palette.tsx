import { useFetcher, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { clientItems, type PaletteItem, rankPalette } from "#app/lib/palette";

import { Dialog } from "./ui/dialog";

// Ctrl/Cmd-K opens a palette that jumps to any client, page or action in the user's scope;
// "?" lists the keyboard shortcuts; "g" then a letter goes to a page; "/" focuses the page's
// search or first filter. Keys typed into a field are left alone.

type Clients = { clients: { id: string; name: string; tier: string; score: number | null }[] };

export interface Shortcut {
  keys: string;
  to: string;
  label: string;
}

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

export function CommandPalette({
  pages,
  actions,
  goKeys,
}: {
  pages: PaletteItem[];
  actions: PaletteItem[];
  goKeys: Shortcut[];
}) {
  const [open, setOpen] = useState<"palette" | "help" | null>(null);
  const navigate = useNavigate();
  const pendingG = useRef(0);
  const go = useCallback(
    (item: Pick<PaletteItem, "to" | "reload">) => {
      setOpen(null);
      if (item.reload) window.location.assign(item.to);
      else navigate(item.to);
    },
    [navigate],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => (o === "palette" ? null : "palette"));
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector("dialog[open]")) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen("help");
      } else if (e.key === "/") {
        const field = document.querySelector<HTMLElement>(
          "main input[type=search], main form[data-auto-submit] input:not([type=hidden]), main form[role=search] input",
        );
        if (field) {
          e.preventDefault();
          field.focus();
        }
      } else if (e.key === "g") {
        pendingG.current = Date.now();
      } else if (Date.now() - pendingG.current < 1200) {
        const target = goKeys.find((s) => s.keys === `g ${e.key}`);
        pendingG.current = 0;
        if (target) {
          e.preventDefault();
          navigate(target.to);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [goKeys, navigate]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen("palette")}
        className="palette-trigger hidden items-center gap-2 rounded-md border border-white/30 px-2.5 py-1 text-[13px] text-slate-200 hover:text-white sm:inline-flex"
        aria-keyshortcuts="Control+K Meta+K"
      >
        Jump to… <kbd className="rounded bg-white/15 px-1 text-[11px]">Ctrl K</kbd>
      </button>
      <Dialog
        open={open === "palette"}
        onClose={() => setOpen(null)}
        title="Jump to"
        className="top-[12vh] mt-0 w-[min(640px,94vw)]"
      >
        {open === "palette" ? <PaletteBody pages={pages} actions={actions} onGo={go} /> : null}
      </Dialog>
      <Dialog open={open === "help"} onClose={() => setOpen(null)} title="Keyboard shortcuts">
        <table className="shortcuts w-full text-sm" aria-label="Keyboard shortcuts">
          <tbody className="[&_td]:py-1 [&_th]:py-1 [&_th]:pr-4 [&_th]:text-left [&_th]:font-normal">
            <tr>
              <th scope="row">
                <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>K</kbd>
              </th>
              <td>Jump to a client, page or action</td>
            </tr>
            <tr>
              <th scope="row">
                <kbd>?</kbd>
              </th>
              <td>This list</td>
            </tr>
            <tr>
              <th scope="row">
                <kbd>/</kbd>
              </th>
              <td>Search or filter this page</td>
            </tr>
            {goKeys.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  {s.keys.split(" ").map((k) => (
                    <kbd key={k} className="mr-1">
                      {k}
                    </kbd>
                  ))}
                </th>
                <td>Go to {s.label}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <kbd>Esc</kbd>
              </th>
              <td>Close a dialog</td>
            </tr>
          </tbody>
        </table>
      </Dialog>
    </>
  );
}

function PaletteBody({
  pages,
  actions,
  onGo,
}: {
  pages: PaletteItem[];
  actions: PaletteItem[];
  onGo: (i: PaletteItem) => void;
}) {
  const fetcher = useFetcher<Clients>();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const requested = useRef(false);
  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    fetcher.load("/palette");
  }, [fetcher]);
  const all = useMemo(
    () => [...(fetcher.data?.clients ?? []).flatMap(clientItems), ...pages, ...actions],
    [fetcher.data, pages, actions],
  );
  const results = useMemo(() => rankPalette(all, query), [all, query]);
  useEffect(() => setActive(0), [query]);
  const optionId = (i: number) => `palette-option-${i}`;
  return (
    <div className="grid gap-2">
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={results.length ? optionId(active) : undefined}
        aria-label="Jump to a client, page or action"
        placeholder="Type a client, page or action…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          }
          if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          }
          if (e.key === "Enter" && results[active]) {
            e.preventDefault();
            onGo(results[active]);
          }
        }}
        className="w-full"
      />
      <ul id="palette-list" role="listbox" aria-label="Matches" className="max-h-[50vh] overflow-y-auto">
        {results.map((r, i) => (
          <li
            key={r.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => onGo(r)}
            className="flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2 py-1.5 text-sm aria-selected:bg-accent"
          >
            <span className="min-w-0 truncate">
              {r.label}
              {r.hint ? <span className="ml-2 text-xs text-muted-foreground">{r.hint}</span> : null}
            </span>
            <span className="shrink-0 text-xs text-muted-foreground">
              {r.group === "Clients" ? "Client" : r.group === "Pages" ? "Page" : "Action"}
            </span>
          </li>
        ))}
        {results.length === 0 ? (
          <li className="px-2 py-1.5 text-sm text-muted-foreground">
            {fetcher.state !== "idle" ? "Loading clients…" : "Nothing matches."}
          </li>
        ) : null}
      </ul>
      <p className="text-xs text-muted-foreground">
        ↑ ↓ to choose, Enter to go, Esc to close. Press ? for every shortcut.
      </p>
    </div>
  );
}

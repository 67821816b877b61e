import { Form, type FormProps, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";

// A GET filter form that applies itself as it changes: a select, checkbox or date at once, typed
// text after a pause. Without JavaScript it is the plain form and its Apply button still works;
// with it, the URL keeps the filters (replace, so Back is not one entry per keystroke).

const TYPED = new Set(["text", "search", "email", "number", "tel", "url"]);

export function AutoSubmitForm({ onChange, delay = 400, ...props }: FormProps & { delay?: number }) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Form
      {...props}
      data-auto-submit=""
      onChange={(e) => {
        onChange?.(e);
        const form = e.currentTarget;
        const target = e.target as HTMLInputElement;
        clearTimeout(timer.current);
        const send = () => submit(form, { replace: true, preventScrollReset: true });
        // A half-typed date is not a change worth a request; the browser reports it as invalid.
        if (target.validity && !target.validity.valid) return;
        if (target.tagName === "INPUT" && TYPED.has(target.type)) timer.current = setTimeout(send, delay);
        else send();
      }}
    />
  );
}

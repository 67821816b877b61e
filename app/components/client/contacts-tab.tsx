import { Form } from "@remix-run/react";

import { Alert } from "#app/components/ui/alert";
import { Button } from "#app/components/ui/button";
import { Field } from "#app/components/ui/form";
import { Disclosure } from "#app/components/ui/panel";
import { Table } from "#app/components/ui/table";
import { daysAgo, titleCase } from "#app/lib/format";
import { CONTACT_ROLES } from "#worker/core/enums";
import type { listContacts } from "#worker/services/contacts";

import type { FormErrors } from "./log-activity-form";

type Contacts = Awaited<ReturnType<typeof listContacts>>;

/** Stakeholders with roles, flags, engagement and last login, and a form to add one. */
export function ContactsTab({ contacts, errors, now }: { contacts: Contacts; errors: FormErrors | null; now: Date }) {
  const mine = errors?.form === "add_contact" ? errors : null;
  const v = mine?.values ?? {};
  return (
    <section aria-label="Contacts">
      <Table>
        <thead>
          <tr>
            <th scope="col">Name and email</th>
            <th scope="col">Title</th>
            <th scope="col">Role</th>
            <th scope="col" className="whitespace-nowrap">
              Last login
            </th>
            <th scope="col" className="whitespace-nowrap">
              Last CSM contact
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {contacts.data.map((c) => (
            <tr key={c.id}>
              {/* The email under the name (it may break anywhere), flags under the role: the table fits beside the sidebar at 1,440 px. */}
              <td className="min-w-40 [overflow-wrap:anywhere]">
                {c.name}
                {c.email ? (
                  <a className="block text-xs" href={`mailto:${c.email}`}>
                    {c.email}
                  </a>
                ) : null}
              </td>
              <td className="[overflow-wrap:anywhere]">{c.title ?? "—"}</td>
              <td>
                {titleCase(c.role)}
                <span className="block text-xs text-muted-foreground">
                  {[
                    c.needs_review ? "Needs review (added from CRM)" : null,
                    c.is_primary ? "Primary" : null,
                    c.is_billing ? "Billing" : null,
                    c.is_technical ? "Technical" : null,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </span>
              </td>
              <td className="whitespace-nowrap">{daysAgo(c.last_platform_login, now)}</td>
              <td className="whitespace-nowrap">{daysAgo(c.last_csm_contact, now)}</td>
              <td className="whitespace-nowrap">{titleCase(c.engagement_status)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Disclosure summary="Add contact" open={Boolean(mine)}>
        <Form method="post" className="grid max-w-xl gap-3" aria-label="Add contact">
          <input type="hidden" name="intent" value="add_contact" />
          {mine ? (
            <Alert>
              <strong>{mine.message}.</strong> {mine.details.map((d) => `${d.field ?? ""} ${d.message}`).join("; ")}
            </Alert>
          ) : null}
          <Field label="Name">
            <input name="name" required maxLength={120} defaultValue={v.name ?? ""} />
          </Field>
          <Field label="Title">
            <input name="title" maxLength={120} defaultValue={v.title ?? ""} />
          </Field>
          <Field label="Role">
            <select name="role" defaultValue={v.role ?? "USER"}>
              {CONTACT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {titleCase(r)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Email">
            <input type="email" name="email" defaultValue={v.email ?? ""} />
          </Field>
          <Field label="Phone">
            <input type="tel" name="phone" defaultValue={v.phone ?? ""} />
          </Field>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="is_primary" value="true" /> Primary contact
          </label>
          <Button type="submit">Add contact</Button>
        </Form>
      </Disclosure>
    </section>
  );
}

import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { ETHICO_ROLES } from "#worker/core/enums";
import { bool, createdAt, enumCheck, id, updatedAt } from "#worker/db/columns";

/** Ethico staff who use the dashboard (PRD EthicoUser). */
export const ethicoUsers = sqliteTable(
  "ethico_users",
  {
    id: id(),
    email: text("email").notNull(),
    first_name: text("first_name").notNull(),
    last_name: text("last_name").notNull(),
    role: text("role", { enum: ETHICO_ROLES }).notNull(),
    is_active: bool("is_active").notNull().default(true),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    uniqueIndex("ethico_users_email_unique").on(t.email),
    index("ethico_users_role_idx").on(t.role),
    enumCheck("ethico_users", t.role, ETHICO_ROLES),
  ],
);

/** The platform side of a client: the tenant whose usage we measure (PRD: Client 1:1 Organization). */
export const organizations = sqliteTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  platform_tenant_key: text("platform_tenant_key").notNull().unique(),
  created_at: createdAt(),
});

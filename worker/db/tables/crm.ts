import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CRM_PROVIDERS, type FieldMapping } from "../../core/crm/field-mapping";
import { bool, createdAt, enumCheck, jsonText, updatedAt } from "../columns";
import { ethicoUsers } from "./people";

/** The Salesforce and HubSpot connections (one each). Credentials only as AES-GCM ciphertext. */
export const crmConnections = sqliteTable(
  "crm_connections",
  {
    provider: text("provider", { enum: CRM_PROVIDERS }).primaryKey(),
    base_url: text("base_url").notNull(),
    /** Salesforce's OAuth host (login.salesforce.com, test.salesforce.com or My Domain). */
    login_url: text("login_url"),
    enabled: bool("enabled").notNull().default(false),
    auth_type: text("auth_type").notNull(),
    field_mapping: jsonText<Partial<FieldMapping>>("field_mapping").notNull().default({}),
    credentials_ciphertext: text("credentials_ciphertext").notNull(),
    credentials_iv: text("credentials_iv").notNull(),
    credentials_updated_at: text("credentials_updated_at").notNull(),
    updated_by_id: text("updated_by_id").references(() => ethicoUsers.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [enumCheck("crm_connections", t.provider, CRM_PROVIDERS)],
);

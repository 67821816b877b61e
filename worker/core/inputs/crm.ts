import * as v from "valibot";

import { CRM_PROVIDERS, type CrmProvider, FIELD_NAME, PUSHED_FIELDS } from "#worker/core/crm/field-mapping";

import { wholeNumberText } from "./parse";

// PUT /crm/connections/:provider. Credentials may be left out of an update (the stored ones are
// kept); they are never sent back. Base URLs must be https, except a loopback address (local
// sandboxes and the tests' fake servers).

const baseUrl = v.pipe(
  v.string("must be a string"),
  v.trim(),
  v.url("must be a URL"),
  // valibot runs every check of a pipe even after an earlier one failed, so this one sees text
  // that v.url refused too: it must not throw on it (that was a 500, found by the fuzz tests).
  v.check((u) => {
    const url = URL.canParse(u) ? new URL(u) : null;
    return (
      url === null ||
      url.protocol === "https:" ||
      (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
    );
  }, "must be https (http only for a loopback address)"),
  v.transform((u) => u.replace(/\/+$/, "")),
);
const secret = (max: number) =>
  v.pipe(
    v.string("must be a string"),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );
const mapping = v.optional(
  v.strictObject(
    Object.fromEntries(
      PUSHED_FIELDS.map((f) => [
        f,
        v.optional(
          v.pipe(
            v.string("must be a string"),
            v.regex(FIELD_NAME, "must be a CRM field API name (letters, digits, underscores)"),
          ),
        ),
      ]),
    ) as Record<
      (typeof PUSHED_FIELDS)[number],
      v.OptionalSchema<v.SchemaWithPipe<readonly [v.StringSchema<string>, v.RegexAction<string, string>]>, undefined>
    >,
    "is not a pushed field",
  ),
);

export const SalesforceConnectionSchema = v.strictObject(
  {
    base_url: baseUrl,
    login_url: v.optional(baseUrl),
    enabled: v.optional(v.boolean("must be true or false")),
    auth: v.optional(
      v.variant(
        "type",
        [
          v.strictObject(
            { type: v.literal("client_credentials"), client_id: secret(256), client_secret: secret(256) },
            "is not a known field",
          ),
          v.strictObject(
            {
              type: v.literal("jwt_bearer"),
              client_id: secret(256),
              username: secret(256),
              private_key: v.pipe(
                secret(8000),
                v.regex(/-----BEGIN (RSA )?PRIVATE KEY-----/, "must be a PEM private key"),
              ),
            },
            "is not a known field",
          ),
        ],
        "must be client_credentials or jwt_bearer",
      ),
    ),
    field_mapping: mapping,
  },
  "is not a known field",
);

export const HubspotConnectionSchema = v.strictObject(
  {
    base_url: baseUrl,
    enabled: v.optional(v.boolean("must be true or false")),
    auth: v.optional(v.strictObject({ type: v.literal("private_app"), token: secret(512) }, "is not a known field")),
    field_mapping: mapping,
  },
  "is not a known field",
);

/** GET /sync/conflicts?provider=&limit= (query strings: limit arrives as text). */
export const SyncConflictsQuerySchema = v.object({
  provider: v.optional(v.picklist(["salesforce", "hubspot"], "must be salesforce or hubspot")),
  limit: v.optional(wholeNumberText({ digits: 3, min: 1, max: 200 }), "50"),
});

export type SalesforceConnectionInput = v.InferOutput<typeof SalesforceConnectionSchema>;
export type HubspotConnectionInput = v.InferOutput<typeof HubspotConnectionSchema>;
export type CrmConnectionInput = SalesforceConnectionInput | HubspotConnectionInput;

/** The body schema of PUT /crm/connections/:provider (and the settings page's form). */
export const connectionSchemaFor = (provider: CrmProvider) =>
  provider === "salesforce" ? SalesforceConnectionSchema : HubspotConnectionSchema;

/** The :provider of the CRM routes (an unknown one is answered as a missing connection). */
export const CrmProviderParam = v.picklist(CRM_PROVIDERS, "must be salesforce or hubspot");

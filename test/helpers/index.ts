// The helpers most workerd test files share: calling the Worker as a user, request bodies, the
// seeded identities, reading the database, and the pinned clock's day. Narrower helpers (access
// policies, CRM connections, hostile inputs, …) stay in their own modules.
export { API, PAGE, VP, VP_SALES, JANE, JOHN, AE, ADMIN, asUser, asUserDirect, browserHeaders, json, form } from "./http";
export { acmeId, clientNamed, one, rows, type Json } from "./db";
export { PINNED_NOW, realNow, TODAY } from "./clock";

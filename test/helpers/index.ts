// The helpers most workerd test files share: calling the Worker as a user, request bodies, the
// seeded identities, reading the database, and the pinned clock's day. Narrower helpers (access
// policies, CRM connections, hostile inputs, …) stay in their own modules.
export { PINNED_NOW, realNow, TODAY } from "./clock";
export { acmeId, clientNamed, type Json, one, rows } from "./db";
export {
  ADMIN,
  AE,
  API,
  asUser,
  asUserDirect,
  browserHeaders,
  form,
  JANE,
  JOHN,
  json,
  PAGE,
  VP,
  VP_SALES,
} from "./http";

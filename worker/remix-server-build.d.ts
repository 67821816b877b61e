// Type of the Remix server bundle that `npm run build` writes to build/server/index.js and that
// wrangler.toml's [alias] (and the test config) map to the name "remix-server-build".
declare const build: unknown;
export default build;

/** Bindings and variables of the Worker: declared in bindings.d.ts, after wrangler.toml. */
export type Env = Cloudflare.Env;

export type AppEnv = { Bindings: Env };

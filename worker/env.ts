/** Bindings and variables of the Worker: declared in bindings.d.ts, after wrangler.toml. */
import type { Actor } from './team/actor';

export type Env = Cloudflare.Env;

/** `actor`: who is asking, set by the guard on every route that needs one (routes read it with `actorOf`). */
export type AppEnv = { Bindings: Env; Variables: { actor?: Actor } };

/** Worker entry point: HTTP requests, and housekeeping on a schedule. */
import { app } from './app';
import type { Env } from './env';
import { runMaintenance } from './maintenance';

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runMaintenance(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;

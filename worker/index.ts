/** Worker entry point: HTTP, the webhook queue's consumer, and the Cron Trigger's sweep. */
import { app } from './app';
import type { Env } from './env';
import { deliverWebhooks } from './webhooks/deliver';
import { sweepDeliveries } from './webhooks/sweep';

export default {
  fetch: app.fetch,
  queue: deliverWebhooks,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepDeliveries(env));
  },
} satisfies ExportedHandler<Env>;

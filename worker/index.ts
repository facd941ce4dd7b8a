/** Worker entry point: HTTP, the webhook queue's consumer, and the Cron Triggers. */
import { app } from './app';
import type { Env } from './env';
import { MAINTENANCE_CRON, runMaintenance } from './maintenance';
import { deliverWebhooks } from './webhooks/deliver';
import { sweepDeliveries } from './webhooks/sweep';

export default {
  fetch: app.fetch,
  queue: deliverWebhooks,
  // The housekeeping Cron Trigger prunes; every other one sweeps webhook deliveries.
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(controller.cron === MAINTENANCE_CRON ? runMaintenance(env, controller.scheduledTime) : sweepDeliveries(env));
  },
} satisfies ExportedHandler<Env>;

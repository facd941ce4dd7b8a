/** Worker entry point: HTTP, the webhook queue's consumer, and the Cron Triggers. */
import { app } from './app';
import type { Env } from './env';
import { runMaintenance } from './maintenance';
import { deliverWebhooks } from './webhooks/deliver';
import { sweepDeliveries } from './webhooks/sweep';

/** The Cron Trigger of housekeeping (wrangler.toml); every other one sweeps webhook deliveries. */
export const MAINTENANCE_CRON = '*/15 * * * *';

export default {
  fetch: app.fetch,
  queue: deliverWebhooks,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(controller.cron === MAINTENANCE_CRON ? runMaintenance(env, controller.scheduledTime) : sweepDeliveries(env));
  },
} satisfies ExportedHandler<Env>;

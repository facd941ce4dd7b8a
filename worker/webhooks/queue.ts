/** Hand deliveries to the webhook queue (at most 100 messages per send, the Queues limit). */
import type { DeliveryMessage } from '../../shared/schemas/webhook';

const SEND_BATCH = 100;
/** The longest delay Cloudflare Queues accepts for a message (12 hours). */
const MAX_DELAY_S = 12 * 60 * 60;

/** A delivery to send, now or after `delayS` seconds (a `response.completed` waiting for its answer to complete). */
export interface QueuedDelivery {
  id: string;
  delayS?: number;
}

export async function enqueueDeliveries(queue: Queue<DeliveryMessage>, deliveries: readonly (QueuedDelivery | string)[]): Promise<void> {
  const messages = deliveries.map((d) => {
    const { id, delayS = 0 } = typeof d === 'string' ? { id: d } : d;
    const delaySeconds = Math.min(MAX_DELAY_S, Math.max(0, Math.ceil(delayS)));
    return { body: { delivery: id }, contentType: 'json' as const, ...(delaySeconds > 0 ? { delaySeconds } : {}) };
  });
  for (let i = 0; i < messages.length; i += SEND_BATCH) await queue.sendBatch(messages.slice(i, i + SEND_BATCH));
}

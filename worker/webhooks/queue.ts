/** Hand delivery ids to the webhook queue (at most 100 messages per send, the Queues limit). */
import type { DeliveryMessage } from '../../shared/schemas/webhook';

const SEND_BATCH = 100;

export async function enqueueDeliveries(queue: Queue<DeliveryMessage>, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    await queue.sendBatch(ids.slice(i, i + SEND_BATCH).map((delivery) => ({ body: { delivery }, contentType: 'json' as const })));
  }
}

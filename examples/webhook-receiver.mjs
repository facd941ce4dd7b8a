// A cx-feedback webhook receiver: Node 18 or later, no dependencies.
//   WEBHOOK_SECRET=whsec_… PORT=9000 node examples/webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

/** The event, when its Standard Webhooks signature holds and is recent; otherwise null. */
export function verifyWebhook(secret, headers, body, now = Date.now()) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return null;
  // Refuse old or future timestamps: a captured delivery cannot be replayed later.
  if (Math.abs(now / 1000 - Number(timestamp)) > 5 * 60) return null;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  // The header may hold several space-separated signatures (during a secret rotation).
  const valid = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  return valid ? JSON.parse(body) : null;
}

// Deliveries come at least once: handle each webhook-id once.
const handled = new Set();

if (import.meta.filename === process.argv[1]) {
  createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const event = verifyWebhook(process.env.WEBHOOK_SECRET, req.headers, body);
      if (!event) return res.writeHead(401).end();
      const id = req.headers['webhook-id'];
      if (!handled.has(id)) {
        handled.add(id);
        console.log(id, event.type, event.data.band, event.data.score, event.data.comment ?? '');
      }
      res.writeHead(204).end(); // answer within 10 s; do slow work after answering
    });
  }).listen(Number(process.env.PORT ?? 9000), '127.0.0.1');
}

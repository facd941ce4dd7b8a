/**
 * A webhook receiver on loopback for the Worker tests: a small Node HTTP
 * server started once per run (vitest `globalSetup` of the worker project),
 * its address handed to tests through `inject('webhookReceiver')`.
 *
 * Tests make a "box" per webhook (`PUT /boxes/{name}` with the secret and a
 * script of statuses to answer), point the webhook at `/hooks/{name}` (or,
 * as a Bot API is addressed, `/bot{number}:{name}/sendMessage`: the box's
 * name is the token's secret part), and read back what arrived
 * (`GET /boxes/{name}`). Every delivery is checked with
 * the reference Standard Webhooks library (an implementation independent of
 * the Worker's), and the result is recorded with it.
 *
 * It listens on 127.0.0.1 only and sends nothing anywhere.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { TestProject } from 'vitest/node';
import type { BoxScript, Received } from './types';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the test receiver. */
    webhookReceiver: string;
  }
}

interface Box {
  script: BoxScript;
  received: Received[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') out[name] = value;
  return out;
}

function verify(secret: string, headers: Record<string, string>, body: string): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

export function startReceiver(): Promise<{ server: Server; url: string }> {
  const boxes = new Map<string, Box>();
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown = {}) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const path = new URL(req.url ?? '/', 'http://receiver').pathname;
      const bot = /^\/bot\d+:([\w-]+)\/sendMessage$/.exec(path);
      const [, area, name] = bot ? ['', 'hooks', bot[1]] : path.split('/');
      const box = name ? boxes.get(name) : undefined;
      if (area === 'boxes' && name && req.method === 'PUT') {
        boxes.set(name, { script: JSON.parse(await readBody(req)) as BoxScript, received: [] });
        return send(204);
      }
      if (area === 'boxes' && box && req.method === 'GET') return send(200, { received: box.received });
      if (area === 'hooks' && box && req.method === 'POST') {
        const body = await readBody(req);
        const headers = headersOf(req);
        const answered = box.script.answers?.shift() ?? box.script.then ?? 200;
        box.received.push({ path, headers, body, verified: verify(box.script.secret, headers, body), answered, at: Date.now() });
        const delay = box.script.delays?.shift();
        if (delay) await new Promise((r) => setTimeout(r, delay));
        return send(answered, box.script.reply ?? { ok: answered < 300 });
      }
      return send(404, { error: 'no such box' });
    } catch (error) {
      return send(500, { error: String(error) });
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

export default async function setup(project: TestProject) {
  const { server, url } = await startReceiver();
  project.provide('webhookReceiver', url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

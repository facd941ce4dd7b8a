/**
 * A small HTTP load client for loopback: keep-alive connections, a fixed
 * number of requests in flight, latency per request, percentiles.
 */
import http from 'node:http';

/** A client for one base URL with at most `concurrency` open connections. */
export function httpClient(base, { concurrency }) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  /** Send one request; resolves { status, text, headers, ms } (status 0 for a transport error). */
  function request({ method = 'GET', path, headers = {}, body }) {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { ...headers, ...(payload ? { 'content-length': payload.length } : {}) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: elapsedMs(started) }),
          );
          res.on('error', (error) => resolve({ status: 0, headers: {}, text: String(error), ms: elapsedMs(started) }));
        },
      );
      req.on('error', (error) => resolve({ status: 0, headers: {}, text: String(error), ms: elapsedMs(started) }));
      req.end(payload);
    });
  }
  return { request, close: () => agent.destroy() };
}

function elapsedMs(started) {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Run task(0) … task(count − 1) with `concurrency` in flight; resolves their results in order. */
export async function inPool(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Count of each status in a list of results, e.g. { 201: 9990, 200: 10 }. */
export function statusCounts(results) {
  const counts = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/**
 * One generated request ("probe") against the real Worker, and the checks
 * every refused one must pass: a 4xx in the contract's error shape, never a
 * 5xx, and no change to any table. A tally counts cases for the report.
 */
import { env } from 'cloudflare:workers';
import * as v from 'valibot';
import { expect, inject } from 'vitest';
import { ERROR_STATUS, ErrorBody } from '../../shared/schemas/error';
import { call } from './helpers';
import { changedTables, storeFingerprint } from '../invariants/store';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Multiplies the number of generated cases (vitest.config.ts, from FUZZ_SCALE). */
    fuzzScale: number;
  }
}

/** fast-check options for `n` cases at the default scale; `FUZZ_SCALE=10 npm test` runs ten times as many. */
export function runs(n: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.round(n * (inject('fuzzScale') ?? 1))) };
}

/** A test timeout for properties sized with `runs` (they grow together). */
export function timeout(ms: number): number {
  return ms * Math.max(1, inject('fuzzScale') ?? 1);
}

export interface Probe {
  method: string;
  /** Path and query exactly as they go on the wire (already percent-encoded, or deliberately not). */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** What was done to a valid request, for failure messages. */
  why: string;
}

export function send(probe: Probe): Promise<Response> {
  return call(probe.path, {
    method: probe.method,
    headers: probe.headers,
    ...(probe.body === undefined ? {} : { body: probe.body }),
  });
}

/** Cases run and answers seen in this file (each test file runs in its own isolate). */
export const tally = {
  cases: 0,
  statuses: new Map<number, number>(),
  count(status: number): void {
    this.cases++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  },
  report(file: string): string {
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    return `[properties] ${file}: ${this.cases} generated cases; statuses ${statuses}`;
  },
};

const describe = (probe: Probe) => `${probe.method} ${probe.path.slice(0, 200)} [${probe.why}]`;

/** A non-2xx answer in the contract's shape, whose status matches its code. */
export async function expectErrorShape(res: Response, probe: Probe): Promise<ErrorBody> {
  expect(res.status, describe(probe)).toBeLessThan(500);
  expect(res.headers.get('content-type'), describe(probe)).toMatch(/^application\/json/);
  const body: unknown = await res.json();
  const parsed = v.safeParse(ErrorBody, body);
  expect(parsed.success, `${describe(probe)} → ${JSON.stringify(body)}`).toBe(true);
  const error = (body as ErrorBody).error;
  expect(ERROR_STATUS[error.code], `${describe(probe)}: status of ${error.code}`).toBe(res.status);
  expect(error.message.length, describe(probe)).toBeGreaterThan(0);
  return body as ErrorBody;
}

/**
 * The store as a run of probes that must all write nothing found it: one
 * fingerprint for the run instead of one before each probe. After a write
 * it follows the store, so that fast-check's shrinking compares each smaller
 * probe with the store as it then is and still finds the one that writes.
 */
export class Baseline {
  private constructor(private print: Map<string, string>) {}

  static async take(): Promise<Baseline> {
    return new Baseline(await storeFingerprint(env.DB));
  }

  /** Tables changed since the baseline (or since the last change seen). */
  async changes(): Promise<string[]> {
    const now = await storeFingerprint(env.DB);
    const changed = changedTables(this.print, now);
    this.print = now;
    return changed;
  }
}

/** Send a probe that must be refused: 4xx JSON error, and every table as it was. */
export async function expectRefused(probe: Probe, baseline?: Baseline): Promise<{ status: number } & ErrorBody> {
  baseline ??= await Baseline.take();
  const res = await send(probe);
  tally.count(res.status);
  expect(res.status, `${describe(probe)} → ${res.status}`).toBeGreaterThanOrEqual(400);
  const body = await expectErrorShape(res, probe);
  expect(await baseline.changes(), `${describe(probe)} changed the store`).toEqual([]);
  return { status: res.status, ...body };
}

/**
 * Send a probe that may be valid but must not write (reads, or writes aimed at
 * nothing): never a 5xx, errors in the contract's shape, every table as it was.
 * Returns the response (body unread when 2xx) for further checks.
 */
export async function expectNoWrite(probe: Probe, baseline?: Baseline): Promise<Response> {
  baseline ??= await Baseline.take();
  const res = await send(probe);
  tally.count(res.status);
  if (res.status >= 400) await expectErrorShape(res.clone(), probe);
  expect(await baseline.changes(), `${describe(probe)} changed the store`).toEqual([]);
  return res;
}

/**
 * A small time-bounded memo inside one isolate. Public reads of sites and
 * surveys go through it, so the hot paths (config, answers, events) mostly
 * skip D1. Admin writes clear it locally; other isolates see a change within
 * the TTL.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number, now = Date.now()): void {
    // Maps iterate in insertion order: drop the oldest when full.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: now + ttlMs });
  }

  /** Resolve through the cache; misses are computed once and kept for `ttl(value)`. */
  async through(key: string, compute: () => Promise<V>, ttl: (value: V) => number): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = await compute();
    this.set(key, value, ttl(value));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

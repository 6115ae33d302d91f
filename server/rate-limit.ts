// Token buckets in process memory, keyed by member (or IP on public routes). With several hub instances each
// enforces its own share; a shared store (Redis, Postgres) is the next step at scale.

export interface Verdict {
  ok: boolean;
  /** Seconds until a request would be allowed. */
  retryAfter: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** `perMinute` requests a minute, with bursts up to the same number. */
  take(key: string, perMinute: number, now = Date.now()): Verdict {
    return this.takeMany(key, 1, perMinute, 60_000, now);
  }

  /** `cost` units from a bucket of `capacity` that refills fully every `windowMs`. */
  takeMany(key: string, cost: number, capacity: number, windowMs: number, now = Date.now()): Verdict {
    const rate = capacity / windowMs;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.sweep(now, rate);
      bucket = { tokens: capacity, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * rate);
      bucket.at = now;
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true, retryAfter: 0 };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((cost - bucket.tokens) / rate / 1000)) };
  }

  private sweep(now: number, rate: number): void {
    for (const [key, bucket] of this.buckets) if ((now - bucket.at) * rate > 1) this.buckets.delete(key);
    if (this.buckets.size > 100_000) this.buckets.clear();
  }
}

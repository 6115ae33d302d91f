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
    const rate = perMinute / 60_000;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.sweep(now, rate);
      bucket = { tokens: perMinute, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * rate);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfter: 0 };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) };
  }

  private sweep(now: number, rate: number): void {
    for (const [key, bucket] of this.buckets) if ((now - bucket.at) * rate > 1) this.buckets.delete(key);
    if (this.buckets.size > 100_000) this.buckets.clear();
  }
}

// The event contract carries no text: any extra property is refused, and every string property only takes
// identifiers (ids, enums, slugs), never a sentence. Property-based over every event type.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBatchRequestSchema, EventSchema, EventTypeSchema } from '../../lib/contract/hub';

const samples: Record<string, Record<string, unknown>> = {
  suggestion_shown: { count: 2 },
  share_started: { via: 'chip' },
  share_cancelled: {},
  post_published: { postKind: 'post', postRef: 'urn:li:activity:1', linkCode: 'abcdef12' },
  rule_triggered: { ruleId: 'DISC-001', severity: 'warning', count: 1 },
  fix_applied: { ruleId: 'DISC-001' },
  reach_snapshot: { postRef: '1234567890', views: 10, reactions: 1, comments: 0, reposts: 0 },
  link_copied: { linkCode: 'abcdef12' },
  guideline_feedback: { ruleId: 'COND-001', verdict: 'not_helpful' },
  coverage: { kind: 'editor_unrecognised', surface: 'unknown', count: 1, sitePack: 'builtin-1' },
};
const event = (type: string, props: Record<string, unknown>) => ({
  id: '0192f1d2-7c3e-7a4b-8c5d-6e7f8a9b0c1d',
  seq: 1,
  type,
  network: 'linkedin',
  occurredAt: '2026-11-23T10:00:00.000Z',
  props,
});
/** Text a person might type: words with spaces, or anything outside the identifier alphabet. */
const sentence = fc.oneof(
  fc.array(fc.stringMatching(/^[A-Za-z]{1,8}$/), { minLength: 2, maxLength: 8 }).map((w) => w.join(' ')),
  fc.string({ minLength: 1, maxLength: 200 }).filter((s) => /[^A-Za-z0-9._:-]/.test(s)),
);

describe('event contract', () => {
  it('has a sample for every event type, and each sample is valid', () => {
    expect(Object.keys(samples).sort()).toEqual([...EventTypeSchema.options].sort());
    for (const [type, props] of Object.entries(samples))
      expect(EventSchema.safeParse(event(type, props)).success).toBe(true);
  });

  it('refuses any extra property, at the top level or in props', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(samples)),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.jsonValue(),
        fc.boolean(),
        (type, key, value, top) => {
          const props = samples[type] as Record<string, unknown>;
          const e = event(type, props) as Record<string, unknown>;
          if (top ? key in e : key in props) return;
          const candidate = top ? { ...e, [key]: value } : { ...e, props: { ...props, [key]: value } };
          expect(EventSchema.safeParse(candidate).success).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a sentence in every string property', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(samples)), sentence, (type, text) => {
        const props = samples[type] as Record<string, unknown>;
        for (const key of Object.keys(props).filter((k) => typeof props[k] === 'string')) {
          expect(EventSchema.safeParse(event(type, { ...props, [key]: text })).success).toBe(false);
        }
        for (const key of ['id', 'network', 'occurredAt', 'type']) {
          expect(EventSchema.safeParse({ ...event(type, props), [key]: text }).success).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('caps a batch at 500 events', () => {
    const one = event('share_cancelled', {});
    const ok = { sentAt: '2026-11-23T10:00:00Z', events: Array.from({ length: 500 }, () => one) };
    expect(EventBatchRequestSchema.safeParse(ok).success).toBe(true);
    expect(EventBatchRequestSchema.safeParse({ ...ok, events: [...ok.events, one] }).success).toBe(false);
  });
});

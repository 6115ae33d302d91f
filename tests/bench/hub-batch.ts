// The events bench:hub sends and bench:ingest-plan explains: five types in turn, own posts, a new post per reading.
import { randomUUID } from 'node:crypto';

const types = ['post_published', 'share_started', 'suggestion_shown', 'rule_triggered', 'reach_snapshot'] as const;
export function makeEvent(seq: number, now: string) {
  const type = types[seq % types.length];
  const props =
    type === 'post_published'
      ? { postKind: 'post' }
      : type === 'share_started'
        ? { via: 'sidepanel' }
        : type === 'suggestion_shown'
          ? { count: 3 }
          : type === 'rule_triggered'
            ? { ruleId: 'core.no-secrets', severity: 'warning', count: 1 }
            : { postRef: `urn:li:activity:${seq}`, views: seq };
  return { id: randomUUID(), seq, type, network: seq % 2 ? 'linkedin' : 'x', occurredAt: now, props };
}

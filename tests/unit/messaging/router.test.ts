import { describe, expect, it } from 'vitest';
import { handleBackgroundMessage } from '@/lib/messaging/router';

const self = { id: 'spoke-id', version: '0.1.0' };

describe('background message router', () => {
  it('answers a ping from Spoke itself', async () => {
    expect(await handleBackgroundMessage({ type: 'ping' }, { id: 'spoke-id' }, self)).toEqual({
      ok: true,
      version: '0.1.0',
    });
  });

  it('refuses messages from another extension without acting on them', async () => {
    expect(await handleBackgroundMessage({ type: 'ping' }, { id: 'other' }, self)).toEqual({
      ok: false,
      error: 'Messages are accepted from Spoke itself only.',
    });
  });

  it.each([null, 'ping', { type: 'steal' }, { type: 'ping', extra: 1 }])(
    'refuses malformed message %j',
    async (raw) => {
      expect(await handleBackgroundMessage(raw, { id: 'spoke-id' }, self)).toEqual({
        ok: false,
        error: 'Unknown or malformed message.',
      });
    },
  );
});

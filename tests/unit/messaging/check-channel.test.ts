import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CheckResponse } from '@/lib/contract/messages';
import { createCheckChannel } from '@/lib/messaging/check-channel';
import type { CheckRequest, PortAnswer, PortCheck } from '@/lib/messaging/check-port';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  fakeBrowser.reset();
});

const REQUEST: CheckRequest = { type: 'check', text: 'damn good', network: 'x', postKind: 'post' };
const FROM_CHECKER: CheckResponse = { ok: true, findings: [], confirmBeforePosting: true };
const FROM_WORKER: CheckResponse = { ok: true, findings: [], confirmBeforePosting: false };

/** A runtime port whose far end is `answer` (the offscreen checker), or nobody when it is null. */
function fakePort(answer: ((check: PortCheck) => PortAnswer['answer']) | null) {
  const onMessage = new Set<(message: PortAnswer) => void>();
  const onDisconnect = new Set<() => void>();
  const port = {
    name: 'spoke-check',
    postMessage: vi.fn((check: PortCheck) => {
      setTimeout(() => {
        if (!answer) for (const listener of onDisconnect) listener();
        else for (const listener of onMessage) listener({ id: check.id, answer: answer(check) });
      });
    }),
    disconnect: vi.fn(),
    onMessage: { addListener: (listener: (message: PortAnswer) => void) => onMessage.add(listener) },
    onDisconnect: { addListener: (listener: () => void) => onDisconnect.add(listener) },
  };
  return port;
}

function withWorker() {
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => FROM_WORKER);
}

describe('checks from a content script', () => {
  it('go to the offscreen checker when it answers, without a message to the worker', async () => {
    const worker = withWorker();
    const port = fakePort(() => FROM_CHECKER);
    vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(port as never);
    const check = createCheckChannel();
    expect(await check(REQUEST)).toEqual(FROM_CHECKER);
    expect(await check({ ...REQUEST, text: 'damn good work' })).toEqual(FROM_CHECKER);
    expect(port.postMessage).toHaveBeenCalledTimes(2);
    expect(worker).not.toHaveBeenCalled();
  });

  it('are answered by the worker when no checker takes the port, and try the port again later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const worker = withWorker();
    const connect = vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(fakePort(null) as never);
    const check = createCheckChannel();
    expect(await check(REQUEST)).toEqual(FROM_WORKER);
    expect(worker).toHaveBeenCalledWith(REQUEST);

    // Right after, straight to the worker; once the checker is open, back to it.
    expect(await check(REQUEST)).toEqual(FROM_WORKER);
    expect(connect).toHaveBeenCalledTimes(1);
    connect.mockReturnValue(fakePort(() => FROM_CHECKER) as never);
    vi.setSystemTime(Date.now() + 60_000);
    expect(await check(REQUEST)).toEqual(FROM_CHECKER);
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it("turn the checker's refusal into the same error the worker's would be", async () => {
    withWorker();
    const refusal = { ok: false as const, code: 'malformed' as const, error: 'Unknown or malformed message.' };
    vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(fakePort(() => refusal) as never);
    await expect(createCheckChannel()(REQUEST)).rejects.toMatchObject({ code: 'malformed' });
  });
});

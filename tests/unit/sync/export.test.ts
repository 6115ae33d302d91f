import { describe, expect, it } from 'vitest';
import type { MeExportPage } from '@/lib/contract/hub-member';
import { collectExport } from '@/lib/sync/export-file';
import { createHubClient } from '@/lib/sync/hub-client';
import { exportPage } from '@/lib/sync/sync';

const me = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  displayName: 'Dana',
  role: 'advocate' as const,
  organisation: { id: '0190a0a0-0000-7000-8000-000000000002', name: 'Acme' },
  businessUnit: { id: '0190a0a0-0000-7000-8000-000000000003', name: 'Sales' },
  leaderboardOptIn: false,
  createdAt: '2026-12-01T09:00:00.000Z',
  device: { id: '0190a0a0-0000-7000-8000-000000000004', label: null },
};
const page = (tables: MeExportPage['tables'], next: string | null): MeExportPage => ({
  exportedAt: '2026-12-06T12:00:00.000Z',
  me,
  tables,
  next,
});
const device = { id: me.device.id, label: null, previousValidUntil: null, createdAt: me.createdAt };
const link = (code: string) => ({ code, contentId: me.id, network: 'x', destination: 'https://e.x', humanClicks: 0 });

describe('Download my data', () => {
  it('writes the pages as one JSON document, a table continued across pages kept in one array', async () => {
    const pages = [
      page(
        [
          { table: 'members', rows: [] },
          { table: 'devices', rows: [device] },
          { table: 'links', rows: [link('aaaaaa')] },
        ],
        'c1',
      ),
      page([{ table: 'links', rows: [link('bbbbbb'), link('cccccc')] }], 'c2'),
      page(
        [
          { table: 'links', rows: [] },
          { table: 'newerTable', rows: [{ anything: 1 }] },
        ],
        null,
      ),
    ];
    const asked: Array<string | undefined> = [];
    const file = await collectExport(async (cursor) => {
      asked.push(cursor);
      return pages[asked.length - 1] as MeExportPage;
    });
    expect(asked).toEqual([undefined, 'c1', 'c2']);
    expect(file.type).toBe('application/json');
    expect(JSON.parse(await file.text())).toEqual({
      exportedAt: '2026-12-06T12:00:00.000Z',
      me,
      members: [],
      devices: [device],
      links: [link('aaaaaa'), link('bbbbbb'), link('cccccc')],
      newerTable: [{ anything: 1 }],
    });
  });

  it('refuses pages that would write a table twice', async () => {
    const pages = [
      page([{ table: 'devices', rows: [] }], 'c1'),
      page(
        [
          { table: 'links', rows: [] },
          { table: 'devices', rows: [] },
        ],
        null,
      ),
    ];
    let i = 0;
    await expect(collectExport(async () => pages[i++] as MeExportPage)).rejects.toThrow('two runs');
  });

  it('waits out a rate limit the hub names and asks for the page again', async () => {
    const answers = [
      new Response(JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429 }), {
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
      }),
      new Response(JSON.stringify(page([], null)), { status: 200 }),
    ];
    const urls: string[] = [];
    const client = createHubClient({
      hubUrl: 'https://hub.example',
      token: 'spk_token',
      fetch: async (url) => {
        urls.push(String(url));
        return answers.shift() as Response;
      },
    });
    const waited: number[] = [];
    const answer = await exportPage(client, 'c1', async (ms) => {
      waited.push(ms);
    });
    expect(answer.next).toBeNull();
    expect(waited).toEqual([2000]);
    expect(urls).toEqual(['https://hub.example/v1/me/export?cursor=c1', 'https://hub.example/v1/me/export?cursor=c1']);
  });
});

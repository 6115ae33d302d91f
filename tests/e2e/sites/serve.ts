// Serves the fixture sites at the real origins through Playwright request routing: the browser believes it is on
// https://www.linkedin.com or https://x.com, so the extension's content scripts run as they would there.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Route } from '@playwright/test';
import { SITES_DIST } from './build';

const sitesDir = path.dirname(fileURLToPath(import.meta.url));
const ASSET_PREFIX = '/__spoke-fixture/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Which fixture page answers a path on each site; null is a 404. */
function pageFor(host: string, url: URL): string | null {
  if (host === 'www.linkedin.com') {
    const isNew = url.searchParams.get('variant') === 'new';
    if (/^\/feed\/update\/urn:li:activity:\d+\/?$/.test(url.pathname)) {
      return isNew ? 'linkedin/post-sdui.html' : 'linkedin/post.html';
    }
    // A company page's admin views (the page acts as the author): /company/<page>/admin/…
    if (/^\/company\/[^/]+\/admin(\/|$)/.test(url.pathname)) return 'linkedin/page-admin.html';
    if (/^\/article\/(new|edit)(\/|$)/.test(url.pathname)) return 'linkedin/article.html';
    if (!url.pathname.startsWith('/feed')) return null;
    return isNew ? 'linkedin/sdui.html' : 'linkedin/classic.html';
  }
  if (url.pathname === '/home' || url.pathname === '/compose/post') return 'x/home.html';
  if (/^\/[A-Za-z0-9_]+\/status\/\d+$/.test(url.pathname)) return 'x/status.html';
  return null;
}

async function fulfilFile(route: Route, file: string): Promise<void> {
  const body = await readFile(file).catch(() => null);
  if (!body) return route.fulfill({ status: 404, contentType: 'text/plain', body: `fixture file missing: ${file}` });
  const contentType = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  return route.fulfill({ status: 200, contentType, body });
}

const FIXTURE_HOSTS = ['www.linkedin.com', 'x.com', 'twitter.com'] as const;

/**
 * Routes the fixture origins. Every other request from a page is refused, so no test touches the network; loopback
 * stays open for a hub the tests start themselves.
 */
export async function routeFixtureSites(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort('blockedbyclient'));
  for (const host of FIXTURE_HOSTS) {
    await context.route(`https://${host}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith(ASSET_PREFIX)) {
        const name = path.basename(url.pathname.slice(ASSET_PREFIX.length));
        const sub = url.pathname.includes('/chunks/') ? 'chunks' : '';
        return fulfilFile(route, path.join(SITES_DIST, sub, name));
      }
      const page = pageFor(host, url);
      if (!page) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not a fixture page' });
      return fulfilFile(route, path.join(sitesDir, page));
    });
  }
}

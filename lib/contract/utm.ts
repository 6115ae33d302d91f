import type { Network } from './common';

/**
 * The destination of a tracked link: the content's URL with Spoke's UTM parameters. The hub stores it behind
 * `/v1/r/:code`, the console previews it, and an offline share uses it directly, so all three say the same.
 * Who shared is never part of it. Parameters the URL already carries are replaced, as analytics expect one value.
 */
export function trackedDestination(url: string, network: Network, contentId: string): string {
  const target = new URL(url);
  target.searchParams.set('utm_source', network);
  target.searchParams.set('utm_medium', UTM_MEDIUM);
  target.searchParams.set('utm_campaign', UTM_CAMPAIGN);
  target.searchParams.set('utm_content', contentId);
  return target.toString();
}

/** The medium every Spoke share reports in web analytics. */
const UTM_MEDIUM = 'employee_advocacy';
const UTM_CAMPAIGN = 'spoke';

import { browser } from 'wxt/browser';
import { joinLink } from '@/lib/coe/organisation';
import { CopyField } from './CopyField';

/**
 * The join link for an invite code, or for signing in with the organisation (single sign-on): the extension's settings
 * page, filled in with this hub and the code or the organisation's name.
 */
export function joinLinkFor(client: { hubUrl: string }, join: { code: string } | { org: string }): string {
  return joinLink(browser.runtime.getURL('/options.html'), client.hubUrl, join);
}

/** A join link for a fresh code, with a Copy button; the code is shown only once by the hub. */
export function JoinLink({ link, label }: { link: string; label: string }) {
  return <CopyField value={link} label={`Join link for ${label}`} copyLabel="Copy link" />;
}

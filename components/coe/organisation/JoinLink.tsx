import { useState } from 'react';
import { browser } from 'wxt/browser';
import { joinLink } from '@/lib/coe/organisation';

/** The join link for an invite code: the extension's settings page, filled in with this hub and the code. */
export function joinLinkFor(client: { hubUrl: string }, code: string): string {
  return joinLink(browser.runtime.getURL('/options.html'), client.hubUrl, code);
}

/** A join link for a fresh code, with a Copy button; the code is shown only once by the hub. */
export function JoinLink({ link, label }: { link: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="coe-join">
      <input readOnly aria-label={`Join link for ${label}`} value={link} onFocus={(e) => e.target.select()} />
      <button type="button" className="button button--quiet" onClick={copy}>
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

import { NETWORK_LABEL, type Network } from '@/lib/contract/common';
import { db } from '@/lib/db';

/** Where a member writes a post on each site. */
const WRITE_URL: Record<Network, string> = {
  linkedin: 'https://www.linkedin.com/feed/',
  x: 'https://x.com/compose/post',
};

/** Links that open in a new tab from an extension page. */
function TabLink({ href, children }: { href: string; children: string }) {
  return (
    <a className="button button--quiet" href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

/**
 * The first run, right after consent: where Spoke shows up and a button to each place. Closing it is remembered for
 * this enrolment (signing out or "Delete me" forget it with everything else).
 */
export function Welcome({
  coe,
  sites,
  onOpenSidePanel,
}: {
  coe: boolean;
  /** The sites where guideline tips can show (the organisation may have turned some off). */
  sites: Network[];
  onOpenSidePanel(): void;
}) {
  return (
    <section className="card welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">You’re set up. Here is where Spoke shows up</h2>
      <ol className="welcome__places">
        {sites.length > 0 && (
          <li>
            <h3>While you write a post on {sites.map((network) => NETWORK_LABEL[network]).join(' or ')}</h3>
            <p>
              A <span className="welcome__underline">wavy underline</span> marks words the company guidelines ask you to
              look at again; click it for the reason and a fix. What you type is checked on this device and never sent.
            </p>
            <div className="actions">
              {sites.map((network) => (
                <TabLink key={network} href={WRITE_URL[network]}>{`Write on ${NETWORK_LABEL[network]}`}</TabLink>
              ))}
            </div>
          </li>
        )}
        <li>
          <h3>The side panel</h3>
          <p>Posts your CoE approved, ready to share with a tracked link in one click.</p>
          <div className="actions">
            <button type="button" className="button button--quiet" onClick={onOpenSidePanel}>
              Open the side panel
            </button>
          </div>
        </li>
        <li>
          <h3>My reach</h3>
          <p>What you shared, the clicks on your links and the views of your posts.</p>
          <div className="actions">
            <TabLink href="reach.html">Open My reach</TabLink>
          </div>
        </li>
        {coe && (
          <li>
            <h3>The CoE console</h3>
            <p>You are a CoE member: approve content, set the guidelines and invite colleagues there.</p>
            <div className="actions">
              <TabLink href="coe.html">Open the CoE console</TabLink>
            </div>
          </li>
        )}
      </ol>
      <div className="actions">
        <button type="button" className="button" onClick={() => void db.setSetting('welcomeDismissedAt', Date.now())}>
          Got it
        </button>
      </div>
    </section>
  );
}

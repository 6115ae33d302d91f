import { NETWORK_LABEL, NetworkSchema } from '@/lib/contract/common';
import type { ManagedSettings } from '@/lib/settings/managed';
import { siteLock } from '@/lib/settings/site-rules';
import { pinnedHub } from '@/lib/sync/join-link';

/** The mark on a setting the organisation holds: shown, never offered for change. */
export function SetByOrganisation() {
  return <span className="managed-tag">Set by your organisation</span>;
}

const SIGN_IN_WORDS = {
  sso: 'Through your organisation’s own sign-in (single sign-on)',
  invite: 'With an invite code from your CoE',
} as const;

function summary(managed: ManagedSettings): Array<{ label: string; value: string }> {
  const rows: Array<{ label: string; value: string }> = [];
  if (managed.hubUrl !== undefined) rows.push({ label: 'Hub address', value: managed.hubUrl });
  if (managed.hubUrl !== undefined && managed.pinHub !== undefined) {
    rows.push({ label: 'Other hubs', value: pinnedHub(managed) ? 'Refused' : 'Allowed' });
  }
  if (managed.signInMode) rows.push({ label: 'Sign-in', value: SIGN_IN_WORDS[managed.signInMode] });
  for (const network of NetworkSchema.options) {
    if (managed.sites?.[network] === undefined) continue;
    const lock = siteLock(managed, network);
    const value = lock === 'off' ? 'Off' : lock === 'on' ? 'On' : 'On (you may turn it off)';
    rows.push({ label: `Guideline tips on ${NETWORK_LABEL[network]}`, value });
  }
  if (managed.memberMayTurnOffSites !== undefined) {
    rows.push({
      label: 'Turning Spoke off on a site',
      value: managed.memberMayTurnOffSites ? 'Allowed' : 'Not allowed',
    });
  }
  return rows;
}

/** Everything the organisation set, in one place, so nobody wonders why a setting cannot be changed. */
export function OrganisationSettings({ managed }: { managed: ManagedSettings }) {
  const rows = summary(managed);
  if (rows.length === 0) return null;
  return (
    <section className="card managed" aria-labelledby="managed-title">
      <h2 id="managed-title">Set by your organisation</h2>
      <p className="hint">Your organisation manages these settings through your browser. They can’t be changed here.</p>
      <dl className="managed__list">
        {rows.map(({ label, value }) => (
          <div key={label} className="managed__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { Network } from '@/lib/contract/common';
import type { ManagedSettings } from '@/lib/settings/managed';
import { siteLock } from '@/lib/settings/site-rules';
import { type SiteSwitches as Switches, siteSwitchesItem } from '@/lib/settings/site-switches';
import { SetByOrganisation } from './Managed';

const SITES: Array<{ network: Network; label: string }> = [
  { network: 'linkedin', label: 'LinkedIn (linkedin.com)' },
  { network: 'x', label: 'X (x.com and twitter.com)' },
];

/**
 * Where Spoke checks what you write. Off means Spoke adds nothing to that site's pages. A switch the organisation
 * holds (managed settings) is shown with its state and no control: the content scripts obey the organisation there.
 */
export function SiteSwitches({ managed }: { managed: ManagedSettings }) {
  const [switches, setSwitches] = useState<Switches | null>(null);
  useEffect(() => {
    void siteSwitchesItem.getValue().then(setSwitches);
    return siteSwitchesItem.watch(setSwitches);
  }, []);
  if (!switches) return null;
  return (
    <fieldset className="switches">
      <legend>Guideline tips while you write</legend>
      {SITES.map(({ network, label }) => {
        const lock = siteLock(managed, network);
        if (lock) {
          return (
            <p key={network} className="switch switch--managed">
              <span>{label}:</span> <strong>{lock === 'on' ? 'On' : 'Off'}</strong> <SetByOrganisation />
            </p>
          );
        }
        return (
          <label key={network} className="switch">
            <input
              type="checkbox"
              checked={switches[network]}
              onChange={(event) => {
                // Show the change at once; storage (watched by the content scripts) follows.
                const next = { ...switches, [network]: event.target.checked };
                setSwitches(next);
                void siteSwitchesItem.setValue(next);
              }}
            />
            {label}
          </label>
        );
      })}
      <p className="hint">Search boxes, messages and other fields are always left alone.</p>
    </fieldset>
  );
}

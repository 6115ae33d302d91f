import { useEffect, useState } from 'react';
import { xPremiumItem } from '@/lib/settings/x-account';

/**
 * X Premium accounts post up to 25,000 characters; X's composer shows no limit Spoke could read, so the member says
 * so here. It moves LEN-001's "Too long for X" and the side panel's counter from 280 to 25,000.
 */
export function XAccountSetting() {
  const [premium, setPremium] = useState<boolean | null>(null);
  useEffect(() => {
    void xPremiumItem.getValue().then(setPremium);
    return xPremiumItem.watch(setPremium);
  }, []);
  if (premium === null) return null;
  return (
    <fieldset className="switches">
      <legend>Your X account</legend>
      <label className="switch">
        <input
          type="checkbox"
          checked={premium}
          onChange={(event) => {
            setPremium(event.target.checked);
            void xPremiumItem.setValue(event.target.checked);
          }}
        />
        My X account can post up to 25,000 characters (Premium)
      </label>
      <p className="hint">Off: Spoke warns past X's standard 280 characters.</p>
    </fieldset>
  );
}

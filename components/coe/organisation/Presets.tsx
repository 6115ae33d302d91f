import { useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { applyPreset, type FreshInvite, presetPlan } from '@/lib/coe/organisation-setup';
import { ORG_PRESETS, type OrgPreset } from '@/lib/coe/presets';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import { joinLinkFor } from './JoinLink';

/** The organisation patterns: a plan to read, then one click to create the missing units and their invites. */
export function Presets({
  client,
  units,
  onCreated,
}: {
  client: AdminClient;
  units: BusinessUnit[];
  onCreated(invites: FreshInvite[]): void;
}) {
  const [chosen, setChosen] = useState<OrgPreset | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const apply = async (preset: OrgPreset) => {
    setBusy(true);
    setError(null);
    try {
      const result = await applyPreset(client, preset, units, (code) => joinLinkFor(client, { code }));
      onCreated(result.invites);
      setDone(result.summary);
      setChosen(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="presets-title">
      <h2 id="presets-title">Start from a pattern</h2>
      <p className="hint">
        Each pattern adds the units it needs (never removing or moving yours) and invites with sensible defaults.
      </p>
      <div className="coe-presets">
        {ORG_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className={`coe-preset${chosen?.id === preset.id ? ' coe-preset--on' : ''}`}
            aria-pressed={chosen?.id === preset.id}
            onClick={() => {
              setChosen(preset);
              setDone(null);
            }}
          >
            <strong>{preset.name}</strong>
            <span>{preset.summary}</span>
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      {done && (
        <p className="coe-notice" role="status">
          {done}
        </p>
      )}
      {chosen && (
        <section className="coe-preset-plan" aria-label={`What ${chosen.name} sets up`}>
          <p>
            <strong>{chosen.name}</strong> {presetPlan(chosen, units)}
          </p>
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => apply(chosen)}>
              {busy ? 'Setting up…' : `Set up ${chosen.name}`}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setChosen(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

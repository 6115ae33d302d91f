import { useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import type { FreshInvite } from '@/lib/coe/organisation-setup';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import { useLoad } from '../use-load';
import { Invites } from './Invites';
import { Members } from './Members';
import { Presets } from './Presets';
import { ScimSettings } from './ScimSettings';
import { SsoSettings } from './SsoSettings';
import { UnitTree } from './UnitTree';

/**
 * The organisation: units (with pattern presets), how members sign in (single sign-on, provisioning), invites with
 * copyable join links, members.
 */
export function OrganisationScreen({
  client,
  meId,
  units,
  unitsError,
  onUnitsChanged,
}: {
  client: AdminClient;
  /** The signed-in member (GET /v1/me): their own row offers no role change and no deactivation. */
  meId: string;
  units?: BusinessUnit[];
  unitsError?: string;
  onUnitsChanged(): void;
}) {
  const members = useLoad(() => client.members(), [client]);
  const [fresh, setFresh] = useState<FreshInvite[]>([]);
  if (!units) return unitsError ? <ErrorNote error={unitsError} /> : <p className="hint">Loading the organisation…</p>;
  return (
    <div className="coe-org">
      <div className="coe-org__col">
        <UnitTree client={client} units={units} members={members.data ?? []} onChanged={onUnitsChanged} />
        <Presets
          client={client}
          units={units}
          onCreated={(made) => {
            setFresh((f) => [...made, ...f]);
            onUnitsChanged();
          }}
        />
        <SsoSettings client={client} units={units} />
        <ScimSettings client={client} />
      </div>
      <div className="coe-org__col">
        <Invites client={client} units={units} fresh={fresh} onCreated={(made) => setFresh((f) => [...made, ...f])} />
        <ErrorNote error={members.error ?? null} />
        <Members client={client} meId={meId} units={units} members={members.data ?? []} onChanged={members.reload} />
      </div>
    </div>
  );
}

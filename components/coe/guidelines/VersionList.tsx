import type { PolicyVersionListResponse } from '@/lib/contract/hub-policy';
import { formatDateTime } from '@/lib/format';

type VersionRow = PolicyVersionListResponse['versions'][number];

/** Stored versions, newest first: which one advocates get now, which one is open here, publish (or roll back). */
export function VersionList({
  versions,
  openVersion,
  dirty,
  busy,
  onOpen,
  onPublish,
}: {
  versions: VersionRow[];
  openVersion: number | null;
  dirty: boolean;
  busy: boolean;
  onOpen: (version: number) => void;
  onPublish: (version: number) => void;
}) {
  if (versions.length === 0) {
    return <p className="hint">No version yet. Edit the draft below and save it to create version 1.</p>;
  }
  return (
    <ul className="gl-versions" aria-label="Policy versions">
      {versions.map((v) => (
        <li key={v.version} className="gl-version" data-testid={`version-${v.version}`}>
          <span className="gl-version__name">Version {v.version}</span>
          <span className="hint">{formatDateTime(v.createdAt)}</span>
          {v.overlayBusinessUnitIds.length > 0 && (
            <span className="hint">
              {v.overlayBusinessUnitIds.length === 1 ? '1 overlay' : `${v.overlayBusinessUnitIds.length} overlays`}
            </span>
          )}
          {v.current && <span className="gl-tag gl-tag--current">Current</span>}
          {openVersion === v.version && <span className="gl-tag">Open{dirty ? ', with unsaved changes' : ''}</span>}
          <span className="gl-version__actions">
            {openVersion !== v.version && (
              <button
                type="button"
                className="gl-link"
                disabled={busy}
                aria-label={dirty ? `Discard changes and open version ${v.version}` : `Open version ${v.version}`}
                onClick={() => onOpen(v.version)}
              >
                {dirty ? 'Discard changes and open' : 'Open'}
              </button>
            )}
            {!v.current && (
              <button
                type="button"
                className="button button--quiet"
                disabled={busy}
                aria-label={`Publish version ${v.version}`}
                onClick={() => onPublish(v.version)}
              >
                Publish
              </button>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

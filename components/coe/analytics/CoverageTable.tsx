import { NETWORK_LABEL } from '@/lib/contract/common';
import type { AnalyticsResponse, CoverageRow } from '@/lib/contract/hub-admin';
import { formatNumber } from '@/lib/format';

/** What went wrong, in words. */
const KIND_LABEL: Record<CoverageRow['kind'], string> = {
  editor_unrecognised: 'Editor not recognised',
  generic_fallback: 'Found by the fallback only',
  post_button_missing: 'Post button not found',
  toast_unmatched: 'Published post not matched',
};

/**
 * Coverage: where Spoke's site selectors miss what members write in (an editor no composer definition recognised, a
 * composer without a Post button it could find), per site, surface and site pack. A new row means a site changed.
 */
export function CoverageTable({ rows }: { rows: AnalyticsResponse['coverage'] }) {
  return (
    <section className="card" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Coverage</h2>
      <p className="hint">
        Where Spoke did not recognise what advocates wrote in, so its guidance may have been missing there (counts only,
        never text). A sudden row usually means a site changed its pages.
      </p>
      {rows.length === 0 ? (
        <p className="hint">No coverage problems reported in this period.</p>
      ) : (
        <table className="coe-table">
          <caption className="visually-hidden">Coverage problems, most first</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Surface</th>
              <th scope="col">What went wrong</th>
              <th scope="col">Times</th>
              <th scope="col">Site pack</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.network} ${r.surface} ${r.kind} ${r.sitePack}`}>
                <td>{NETWORK_LABEL[r.network]}</td>
                <td>{r.surface === 'unknown' ? <span className="hint-inline">unknown</span> : r.surface}</td>
                <td>{KIND_LABEL[r.kind]}</td>
                <td>{formatNumber(r.count)}</td>
                <td>{r.sitePack}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

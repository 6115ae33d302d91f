import type { PolicyApi } from './policy-api';

/** Placeholder: the guidelines screen is built on its own branch and replaces this file on merge. */
export function GuidelinesScreen({ api }: { api: PolicyApi }) {
  void api;
  return <p className="hint">The guidelines editor arrives with its own change.</p>;
}

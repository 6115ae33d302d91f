import { HubError } from '@/lib/sync/hub-client';

/** A sentence for any failure: the hub's own words when it sent them. */
export function messageOf(error: unknown): string {
  if (error instanceof HubError) {
    if (error.status === 401) return 'This browser is no longer signed in at the hub. Connect again in the settings.';
    if (error.status === 403) return 'Only members with the CoE role may do this.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The hub's per-field messages (`body.url` → "…"), to show beside the fields they concern. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof HubError) for (const e of error.problem?.errors ?? []) out[e.path] ??= e.message;
  return out;
}

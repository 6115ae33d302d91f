import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { CreatePolicyVersionRequest, PolicyVersion, PolicyVersionListResponse } from '@/lib/contract/hub-policy';
import type { AdminClient } from './admin-client';

/**
 * What the guidelines screen of the CoE console needs from the hub. The console implements it with its admin client;
 * a failed call throws a HubError (lib/sync/hub-client) whose `problem.errors` name the failing rule, test and path
 * (a refused version answers 422).
 */
export interface PolicyApi {
  /** Versions, newest first, without their packs. */
  listVersions(): Promise<PolicyVersionListResponse>;
  /** One version with its central pack and its business-unit overlays. */
  getVersion(version: number): Promise<PolicyVersion>;
  /** Stores a new immutable version (validated in full by the hub); `publish: true` makes it current at once. */
  createVersion(request: CreatePolicyVersionRequest): Promise<PolicyVersion>;
  publishVersion(version: number): Promise<void>;
  /** The organisation's business units (the tree, CoE root first). */
  businessUnits(): Promise<BusinessUnit[]>;
}

/** The guidelines screen's view of the hub, served by the console's admin client. */
export function policyApiOf(client: AdminClient): PolicyApi {
  return {
    listVersions: () => client.listPolicyVersions(),
    getVersion: (version) => client.getPolicyVersion(version),
    createVersion: (request) => client.createPolicyVersion(request),
    publishVersion: (version) => client.publishPolicyVersion(version),
    businessUnits: () => client.businessUnits(),
  };
}

import type { AdminClient } from '@/lib/coe/admin-client';
import type { PolicyApi } from './guidelines/policy-api';

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

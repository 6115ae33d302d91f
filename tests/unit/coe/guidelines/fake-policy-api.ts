// An in-memory hub for the guidelines screen: it keeps versions like the hub and refuses what the hub refuses, with
// the real engine (validatePack, validateOverlay) and the hub's problem paths.
import type { PolicyApi } from '@/lib/coe/policy-api';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { CreatePolicyVersionRequest, PolicyVersion } from '@/lib/contract/hub-policy';
import { defaultPacks, validateOverlay, validatePack } from '@/lib/guidelines';
import { HubError } from '@/lib/sync/hub-client';

const UNITS: BusinessUnit[] = [
  { id: 'u-root', name: 'CoE', parentId: null, createdAt: '2026-01-01T00:00:00.000Z' },
  { id: 'u-sales', name: 'Sales', parentId: 'u-root', createdAt: '2026-01-01T00:00:00.000Z' },
  { id: 'u-emea', name: 'Sales EMEA', parentId: 'u-sales', createdAt: '2026-01-01T00:00:00.000Z' },
];

export class FakePolicyApi implements PolicyApi {
  versions: PolicyVersion[] = [];
  current: number | null = null;
  createCalls = 0;

  constructor(seed = true) {
    if (seed) this.store({ pack: structuredClone(defaultPacks.core), overlays: {}, publish: true });
  }

  private refuse(detail: string, errors: Array<{ path: string; message: string; ruleId?: string }>): never {
    throw new HubError(detail, 422, undefined, {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      detail,
      errors,
    });
  }

  private store(request: CreatePolicyVersionRequest): PolicyVersion {
    const checked = validatePack(request.pack);
    if (!checked.ok) {
      this.refuse(
        'The policy pack was refused.',
        checked.errors.map((e) => ({ ...e, path: `body.pack${e.path ? `.${e.path}` : ''}` })),
      );
    }
    const overlays: Record<string, Record<string, unknown>> = {};
    for (const [unitId, overlay] of Object.entries(request.overlays)) {
      const result = validateOverlay(checked.pack, overlay);
      if (!result.ok) {
        this.refuse(
          `The overlay for business unit ${unitId} was refused.`,
          result.errors.map((e) => ({ ...e, path: `body.overlays.${unitId}${e.path ? `.${e.path}` : ''}` })),
        );
      }
      overlays[unitId] = structuredClone(result.overlay) as unknown as Record<string, unknown>;
    }
    const version = this.versions.length + 1;
    const row: PolicyVersion = {
      version,
      createdAt: new Date(Date.UTC(2026, 10, 1, 9, version)).toISOString(),
      current: false,
      overlayBusinessUnitIds: Object.keys(overlays),
      pack: structuredClone(checked.pack) as unknown as Record<string, unknown>,
      overlays,
    };
    this.versions.push(row);
    if (request.publish) this.current = version;
    return this.view(row);
  }

  private view(row: PolicyVersion): PolicyVersion {
    return structuredClone({ ...row, current: row.version === this.current });
  }

  async listVersions() {
    return {
      versions: [...this.versions].reverse().map(({ pack: _p, overlays: _o, ...v }) => ({
        ...v,
        current: v.version === this.current,
      })),
    };
  }
  async getVersion(version: number) {
    const row = this.versions.find((v) => v.version === version);
    if (!row) throw new HubError('No policy version with this number.', 404);
    return this.view(row);
  }
  async createVersion(request: CreatePolicyVersionRequest) {
    this.createCalls++;
    return this.store(structuredClone(request));
  }
  async publishVersion(version: number) {
    if (!this.versions.some((v) => v.version === version)) throw new HubError('No policy version.', 404);
    this.current = version;
  }
  async businessUnits() {
    return structuredClone(UNITS);
  }
}

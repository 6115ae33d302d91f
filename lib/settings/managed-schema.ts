// What an organisation may set for Spoke through browser management (storage.managed), in one place: the zod
// schemas below validate what the browser hands over, and the manifest's `storage.managed_schema` file is generated
// from them (wxt.config.ts). Relative imports only: wxt.config.ts, loaded by Node, imports this file.
import { z } from 'zod';
import { NETWORK_LABEL, type Network, NetworkSchema } from '../contract/common';
import { normaliseHubUrl } from '../sync/enrol-fields';

const SIGN_IN_MODES = ['sso', 'invite'] as const;

/** The hub address as Spoke stores it (see normaliseHubUrl): https, or http on loopback for a hub on this computer. */
const ManagedHubUrlSchema = z.string().transform((raw, ctx) => {
  const url = normaliseHubUrl(raw);
  if (url) return url;
  ctx.addIssue({ code: 'custom', message: 'expected an https:// address without query or fragment' });
  return z.NEVER;
});

const siteFields = Object.fromEntries(
  NetworkSchema.options.map((network) => [network, z.boolean().meta({ title: `Spoke on ${NETWORK_LABEL[network]}` })]),
) as Record<Network, z.ZodBoolean>;

/** Each setting on its own: a wrong one is dropped without taking the others with it (parseManagedSettings). */
const MANAGED_FIELDS = {
  hubUrl: ManagedHubUrlSchema.meta({
    title: 'Hub address',
    description: "The organisation's Spoke hub, https://. Filled in for the member; the only one allowed with pinHub.",
  }),
  pinHub: z.boolean().meta({
    title: 'Pin the hub',
    description: 'true: Spoke connects to hubUrl only and refuses any other hub, join links included.',
  }),
  signInMode: z.enum(SIGN_IN_MODES).meta({
    title: 'Sign-in mode',
    description: "sso: members sign in through the organisation's identity provider; invite: with an invite code.",
  }),
  sites: z.object(siteFields).partial().meta({
    title: 'Sites',
    description: 'Per site (linkedin, x): false turns Spoke off there for good; true turns it on.',
  }),
  memberMayTurnOffSites: z.boolean().meta({
    title: 'Members may turn Spoke off on a site',
    description: 'false: the sites where Spoke is on stay on (default true).',
  }),
};

const ManagedSettingsSchema = z.object(MANAGED_FIELDS).partial();

/** The settings an organisation set, each absent when not set (or set to a value Spoke cannot use). */
export type ManagedSettings = z.output<typeof ManagedSettingsSchema>;
type ManagedField = keyof typeof MANAGED_FIELDS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isManagedField(key: string): key is ManagedField {
  return Object.hasOwn(MANAGED_FIELDS, key);
}

/**
 * What the browser's managed storage holds, validated field by field (and site by site): a value Spoke cannot use is
 * left out with a warning naming the setting, so one typo in a policy never disables the others, nor Spoke.
 */
export function parseManagedSettings(raw: unknown, warn: (message: string) => void = console.warn): ManagedSettings {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    warn('Spoke ignores its managed settings: expected an object of settings.');
    return {};
  }
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isManagedField(key)) {
      warn(`Spoke ignores the managed setting "${key}": Spoke has no such setting.`);
      continue;
    }
    if (key === 'sites') {
      const sites = parseSites(value, warn);
      if (sites) settings.sites = sites;
      continue;
    }
    const parsed = MANAGED_FIELDS[key].safeParse(value);
    if (parsed.success) settings[key] = parsed.data;
    else warn(`Spoke ignores the managed setting "${key}": ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
  }
  if (settings.pinHub === true && settings.hubUrl === undefined) {
    warn('Spoke ignores the managed setting "pinHub": it needs a valid "hubUrl" to pin.');
  }
  return settings as ManagedSettings;
}

function parseSites(value: unknown, warn: (message: string) => void): Partial<Record<Network, boolean>> | null {
  if (!isRecord(value)) {
    warn('Spoke ignores the managed setting "sites": expected an object such as {"linkedin": true, "x": false}.');
    return null;
  }
  const sites: Partial<Record<Network, boolean>> = {};
  for (const [key, on] of Object.entries(value)) {
    const network = NetworkSchema.safeParse(key);
    if (!network.success) warn(`Spoke ignores the managed setting "sites.${key}": Spoke has no such site.`);
    else if (typeof on !== 'boolean') warn(`Spoke ignores the managed setting "sites.${key}": expected true or false.`);
    else sites[network.data] = on;
  }
  return Object.keys(sites).length > 0 ? sites : null;
}

/** JSON Schema keywords Chrome's policy schema reads; anything else (`$schema`, `format`, …) is left out. */
const CHROME_SCHEMA_KEYWORDS = new Set(['type', 'properties', 'enum', 'title', 'description']);

function forChrome(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const kept: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (!CHROME_SCHEMA_KEYWORDS.has(keyword)) continue;
    kept[keyword] =
      keyword === 'properties' && isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, forChrome(inner)]))
        : value;
  }
  return kept;
}

/**
 * The manifest's `storage.managed_schema`: Chrome shows these settings in chrome://policy and hands over only values
 * of the declared types. It cannot express the hub address rule, so parseManagedSettings checks every value again
 * (Firefox checks none).
 */
export function chromeManagedSchema(): Record<string, unknown> {
  return forChrome(z.toJSONSchema(ManagedSettingsSchema, { io: 'input' })) as Record<string, unknown>;
}

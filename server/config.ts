// Every setting of the hub comes from the environment (documented in README.md, "The hub").
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { HubUrlSchema } from '../lib/contract/hub-common';
import { checkProxyRanges, type TrustedProxies } from './client-address';
import { SecretBox } from './secret-box';

export interface HubConfig {
  /** `postgres://…` for Postgres; PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite data folder. */
  dataDir: string;
  /**
   * Base URL of the hub as the outside world sees it (tracked links are built on it): https, or http on loopback for
   * a hub run on this computer (members' extensions refuse tracked links on any other http address).
   */
  publicUrl: string;
  /** Origins allowed by CORS (the extension's `chrome-extension://<id>` / `moz-extension://<uuid>`). */
  corsOrigins: string[];
  /** Secret for the daily visitor-hash salt of link clicks. */
  clickSecret: string;
  /** Requests per minute per member token. */
  memberRatePerMinute: number;
  /** Enrolments (`POST /v1/enroll`) per minute per client address. */
  enrolRatePerMinute: number;
  /** Followed links (`GET /v1/r/:code`) per minute per client address that count as clicks; beyond, they only redirect. */
  redirectRatePerMinute: number;
  /** SCIM requests per minute per organisation (its IdP's provisioning client). */
  scimRatePerMinute: number;
  /** Events a member may send per hour (forged shares would inflate the leaderboard: OWASP API6). */
  memberEventsPerHour: number;
  /** Event batches being written at once before the hub answers 429. */
  maxInflightBatches: number;
  /** Which proxies in front of the hub may name the client in `X-Forwarded-For`. */
  trustedProxies: TrustedProxies;
  /** Seconds an authenticated token stays cached in the process. */
  authCacheSeconds: number;
  /** Postgres pool size. */
  poolSize: number;
  /** Least severe level logged (`LOG_LEVEL`): pino's fatal, error, warn, info, debug, trace, or silent. */
  logLevel: LogLevel;
  /** Bearer token of `GET /metrics`; without one the route does not exist (404). */
  metricsToken?: string;
  /** How long `GET /readyz` waits for the database's answer before it says 503. */
  readyTimeoutMs: number;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  shutdownGraceSeconds: number;
  /** Single sign-on (server/services/sso.ts); see `ssoConfig`. */
  sso: SsoSettings;
}

/** What single sign-on needs of the hub's environment. */
interface SsoSettings {
  /** Seals IdP client secrets and refresh tokens in the database (`SPOKE_SSO_KEY`); without it, no SSO. */
  box?: SecretBox;
  /**
   * Origins an IdP's answer may be handed to, the extension's `identity.getRedirectURL()`: Chrome's
   * `https://<id>.chromiumapp.org` for each `chrome-extension://<id>` of `corsOrigins`, plus `SPOKE_SSO_REDIRECT_ORIGINS`
   * (Firefox's `https://<hash>.extensions.allizom.org`). Never any other address: the hub is no open redirect.
   */
  redirectOrigins: string[];
  /** Issuers a CoE may name although they are plain http (`SPOKE_SSO_HTTP_ISSUERS`: a test IdP on loopback). */
  httpIssuers: string[];
  /** Client secrets by variable name: every `SPOKE_SSO_SECRET_…` of the environment, and nothing else of it. */
  secrets: Record<string, string>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}".`);
  return value;
}

/**
 * `SPOKE_TRUSTED_PROXY_HOPS=n` or `SPOKE_TRUSTED_PROXIES=<CIDR list>`; `SPOKE_TRUST_PROXY=true` (the older setting)
 * means one hop. Only one of them: two answers to "which proxies are mine" would be one too many.
 */
function trustedProxies(env: NodeJS.ProcessEnv): TrustedProxies {
  const legacy = env.SPOKE_TRUST_PROXY === 'true' || env.SPOKE_TRUST_PROXY === '1';
  const hops = env.SPOKE_TRUSTED_PROXY_HOPS;
  const cidrs = (env.SPOKE_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const given = [legacy, Boolean(hops), cidrs.length > 0].filter(Boolean).length;
  if (given > 1) {
    throw new Error('Set only one of SPOKE_TRUSTED_PROXY_HOPS, SPOKE_TRUSTED_PROXIES and SPOKE_TRUST_PROXY.');
  }
  if (cidrs.length > 0) {
    checkProxyRanges(cidrs);
    return { cidrs };
  }
  return { hops: legacy ? 1 : int(env, 'SPOKE_TRUSTED_PROXY_HOPS', 0, 0) };
}

/** The hub's public address, checked as members' extensions check the tracked links built on it. */
function publicUrl(raw: string): string {
  const url = raw.replace(/\/+$/, '');
  if (!HubUrlSchema.safeParse(url).success) {
    throw new Error(
      `SPOKE_PUBLIC_URL must be an https:// address (http:// only on loopback, e.g. 127.0.0.1), got "${raw}".`,
    );
  }
  return url;
}

function logLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  const level = LOG_LEVELS.find((known) => known === raw.toLowerCase());
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`);
  return level;
}

/** A short token would be guessed: the metrics tell how busy the hub is and which routes fail. */
const MIN_METRICS_TOKEN = 32;

function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_METRICS_TOKEN || /\s/.test(raw)) {
    throw new Error(
      `SPOKE_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN} characters without spaces (e.g. openssl rand -hex 32).`,
    );
  }
  return raw;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The origin of each address of a list, refusing what is not an address. */
function origins(raw: string | undefined, variable: string): string[] {
  return list(raw).map((entry) => {
    if (!URL.canParse(entry)) throw new Error(`${variable}: "${entry}" is not an address (https://…).`);
    return new URL(entry).origin;
  });
}

/** Single sign-on's settings: the sealing key, where answers may go, which http issuers, which secrets. */
function ssoSettings(env: NodeJS.ProcessEnv, corsOrigins: string[]): SsoSettings {
  const chromeIds = corsOrigins.flatMap((origin) => /^chrome-extension:\/\/([a-p]{32})$/.exec(origin)?.[1] ?? []);
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('SPOKE_SSO_SECRET_') && value) secrets[name] = value;
  }
  return {
    box: env.SPOKE_SSO_KEY ? SecretBox.fromKey(env.SPOKE_SSO_KEY) : undefined,
    redirectOrigins: [
      ...chromeIds.map((id) => `https://${id}.chromiumapp.org`),
      ...origins(env.SPOKE_SSO_REDIRECT_ORIGINS, 'SPOKE_SSO_REDIRECT_ORIGINS'),
    ],
    httpIssuers: origins(env.SPOKE_SSO_HTTP_ISSUERS, 'SPOKE_SSO_HTTP_ISSUERS'),
    secrets,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): HubConfig {
  const port = env.PORT ?? env.SPOKE_HUB_PORT ?? '8787';
  const corsOrigins = list(env.SPOKE_CORS_ORIGINS);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(root, env.SPOKE_DATA_DIR ?? '.spoke/hub-data'),
    publicUrl: publicUrl(env.SPOKE_PUBLIC_URL ?? `http://127.0.0.1:${port}`),
    corsOrigins,
    clickSecret: env.SPOKE_CLICK_SECRET || randomBytes(32).toString('hex'),
    memberRatePerMinute: int(env, 'SPOKE_RATE_MEMBER_PER_MIN', 600, 1),
    // SPOKE_RATE_IP_PER_MIN, the one setting both used to share, stays the default of each.
    enrolRatePerMinute: int(env, 'SPOKE_RATE_ENROL_PER_MIN', int(env, 'SPOKE_RATE_IP_PER_MIN', 120, 1), 1),
    redirectRatePerMinute: int(env, 'SPOKE_RATE_REDIRECT_PER_MIN', int(env, 'SPOKE_RATE_IP_PER_MIN', 120, 1), 1),
    scimRatePerMinute: int(env, 'SPOKE_RATE_SCIM_PER_MIN', 600, 1),
    memberEventsPerHour: int(env, 'SPOKE_MEMBER_EVENTS_PER_HOUR', 5_000, 1),
    maxInflightBatches: int(env, 'SPOKE_MAX_INFLIGHT_BATCHES', 64, 1),
    trustedProxies: trustedProxies(env),
    authCacheSeconds: int(env, 'SPOKE_AUTH_CACHE_SECONDS', 5, 0),
    // At least 2: at start the migrator holds one connection for its lock and migrates over another (server/db).
    poolSize: int(env, 'SPOKE_DB_POOL', 10, 2),
    logLevel: logLevel(env.LOG_LEVEL),
    metricsToken: metricsToken(env.SPOKE_METRICS_TOKEN),
    readyTimeoutMs: int(env, 'SPOKE_READY_TIMEOUT_MS', 2_000, 1),
    // Below the 30 s a container orchestrator gives by default before it kills the process.
    shutdownGraceSeconds: int(env, 'SPOKE_SHUTDOWN_GRACE_SECONDS', 25, 0),
    sso: ssoSettings(env, corsOrigins),
  };
}

/** A configuration for tests: generous limits, nothing read from the environment. */
export function testConfig(overrides: Partial<HubConfig> = {}): HubConfig {
  return {
    dataDir: '',
    publicUrl: 'https://hub.test',
    corsOrigins: ['chrome-extension://spoketestextensionid'],
    clickSecret: 'test-secret',
    memberRatePerMinute: 100_000,
    enrolRatePerMinute: 100_000,
    redirectRatePerMinute: 100_000,
    scimRatePerMinute: 100_000,
    memberEventsPerHour: 1_000_000,
    maxInflightBatches: 64,
    trustedProxies: { hops: 0 },
    authCacheSeconds: 0,
    poolSize: 5,
    logLevel: 'silent',
    readyTimeoutMs: 2_000,
    shutdownGraceSeconds: 25,
    sso: {
      box: SecretBox.fromKey(Buffer.alloc(32, 7).toString('base64')),
      redirectOrigins: ['https://dhdhjhogeaomelbceofajjicgiiaccpm.chromiumapp.org'],
      httpIssuers: [],
      secrets: {},
    },
    ...overrides,
  };
}

// A real OpenID provider for the tests (panva's oidc-provider, the certified implementation), on loopback: a client
// for the hub, accounts whose claims the test sets (department, groups, disabled), its development login pages, and
// two knobs a real IdP has or an attacker with its key would use: the ID token's lifetime, and a hook that re-signs
// the ID token of the next token answers with the IdP's own key after changing its claims (another audience, issuer
// or nonce). Shared by the hub tests, the route fixtures and the E2E sign-in.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

interface IdpAccount {
  name?: string;
  email?: string;
  preferred_username?: string;
  department?: string;
  groups?: string[];
  /** Disabled at the IdP: the account is not found, so sign-ins and refreshes fail (`invalid_grant`). */
  disabled?: boolean;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject (what the development login form takes as the login). */
  accounts: Map<string, IdpAccount>;
  /** Seconds an ID token lives (negative: already expired when issued). */
  idTokenTtl: number;
  /** Changes the claims of the ID tokens of token answers and signs them again with the IdP's key. */
  tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** `redirectUris`: the hub's callback (`<publicUrl>/v1/sso/callback`). */
export async function startTestIdp(options: { redirectUris: string[]; port?: number }): Promise<TestIdp> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: `k-${randomBytes(4).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };
  const signingKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'spoke-hub';
  const clientSecret = randomBytes(24).toString('base64url');

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const idp: TestIdp = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    idTokenTtl: 300,
    tamper: null,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a browser's kept-alive connections would hold the close forever
      }),
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account || account.disabled) return undefined;
      const { disabled: _disabled, ...claims } = account;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'department'],
      email: ['email'],
      groups: ['groups'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    features: { devInteractions: { enabled: true } },
    pkce: { methods: ['S256'], required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: {
      IdToken: () => idp.idTokenTtl,
      AccessToken: 600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 86_400 * 90,
      RefreshToken: 86_400 * 90,
    },
    // As Okta and Entra ID do: a refresh token for `offline_access` without forcing `prompt=consent`, rotated at
    // each use.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
  });
  // The test's tampering: the ID token of a token answer, its claims changed, signed again with the IdP's key.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !idp.tamper || !body?.id_token) return;
    const [header, payload] = body.id_token.split('.');
    const claims = idp.tamper(JSON.parse(Buffer.from(payload as string, 'base64url').toString()));
    const input = `${header}.${b64url(JSON.stringify(claims))}`;
    body.id_token = `${input}.${b64url(sign('sha256', Buffer.from(input), signingKey))}`;
  });
  server.on('request', provider.callback());
  return idp;
}

/** A browser for the IdP's pages: follows redirects by hand, keeps cookies per host, stops at `stopAt`. */
export class TestBrowser {
  private cookies = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, response: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(url.host, jar);
  }

  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(target),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.keep(target, response);
    return response;
  }

  /**
   * Follows redirects from `url` until one leaves for an address `stop` accepts (returned, not fetched), or a page
   * answers (its response).
   */
  async follow(url: string, stop: (url: URL) => boolean): Promise<{ stoppedAt: URL } | { page: Response; url: URL }> {
    let current = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (stop(current)) return { stoppedAt: current };
      const response = await this.fetch(current.href);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current);
        continue;
      }
      return { page: response, url: current };
    }
    throw new Error('too many redirects');
  }
}

/**
 * The member at the IdP: from the authorization URL through the development login (as `subject`) and consent pages,
 * to the redirect the IdP sends to `callbackPrefix` (the hub's callback), returned without following it.
 */
export async function signInAtIdp(
  browser: TestBrowser,
  authorizationUrl: string,
  subject: string,
  callbackPrefix: string,
): Promise<URL> {
  const atCallback = (url: URL) => url.href.startsWith(callbackPrefix);
  let step = await browser.follow(authorizationUrl, atCallback);
  for (let pages = 0; pages < 4 && 'page' in step; pages++) {
    const html = await step.page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected IdP page (${step.page.status}): ${html.slice(0, 300)}`);
    const form: Record<string, string> = prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt };
    const posted = await browser.fetch(new URL(action, step.url).href, { form });
    const location = posted.headers.get('location');
    if (!location) throw new Error(`the IdP answered ${posted.status} to the ${prompt} form`);
    step = await browser.follow(new URL(location, step.url).href, atCallback);
  }
  if (!('stoppedAt' in step)) throw new Error('the IdP never sent the browser back');
  return step.stoppedAt;
}

// Who the client is: the socket peer, or as far as trusted proxies (a hop count or CIDR ranges) say in
// X-Forwarded-For, read from the right; an address no trusted proxy wrote never counts. What a per-address limit
// counts (an IPv6 client by its /64) and the settings of both.
import { describe, expect, it } from 'vitest';
import { addressBucket, addressNetwork, ClientAddresses } from '../../server/client-address';
import { loadConfig } from '../../server/config';

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = new ClientAddresses({ hops: 0 });
    expect(none.of('198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(none.of('198.51.100.7', '203.0.113.1, 10.0.0.1')).toBe('198.51.100.7');
    expect(none.of('2001:db8::7', '203.0.113.1')).toBe('2001:db8::7');
    // In-process requests (tests) have no socket.
    expect(none.of(undefined, '203.0.113.1')).toBe('local');
  });

  it('is the address each trusted hop saw, read from the right: what the client wrote never counts', () => {
    const oneHop = new ClientAddresses({ hops: 1 });
    expect(oneHop.of('10.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    expect(oneHop.of('10.0.0.1', 'spoofed, 1.1.1.1, 203.0.113.5')).toBe('203.0.113.5');
    expect(oneHop.of('10.0.0.1', '1.1.1.1,203.0.113.5 ')).toBe('203.0.113.5');
    expect(oneHop.of('10.0.0.1', undefined)).toBe('10.0.0.1');
    const twoHops = new ClientAddresses({ hops: 2 });
    expect(twoHops.of('10.0.0.1', '1.1.1.1, 203.0.113.5, 10.0.0.2')).toBe('203.0.113.5');
    // Fewer addresses than hops: the leftmost one there is.
    expect(twoHops.of('10.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
  });

  it('skips trusted ranges, IPv4 and IPv6, and stops at the first address outside them', () => {
    const ranges = new ClientAddresses({ cidrs: ['10.0.0.0/8', 'fd00::/8', '192.0.2.10'] });
    expect(ranges.of('10.0.0.1', '203.0.113.5, 10.0.0.2')).toBe('203.0.113.5');
    // A client naming a trusted address cannot get past its own: the walk stops at the address the proxy saw.
    expect(ranges.of('10.0.0.1', '10.9.9.9, 203.0.113.5')).toBe('203.0.113.5');
    expect(ranges.of('fd00::1', '2001:db8::1, fd00::2')).toBe('2001:db8::1');
    expect(ranges.of('192.0.2.10', '203.0.113.5')).toBe('203.0.113.5');
    // A peer outside the ranges is the client, whatever it forwards.
    expect(ranges.of('192.0.2.11', '203.0.113.5')).toBe('192.0.2.11');
    expect(ranges.of('198.51.100.1', '10.0.0.2')).toBe('198.51.100.1');
    // Every hop trusted: the leftmost address is the client's.
    expect(ranges.of('10.0.0.1', '10.0.0.3, fd00::9')).toBe('10.0.0.3');
  });

  it('reads IPv4-mapped IPv6 as IPv4, in the ranges and in the answer', () => {
    const ranges = new ClientAddresses({ cidrs: ['10.0.0.0/8'] });
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    expect(ranges.of('::ffff:10.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    expect(ranges.of('::ffff:a00:1', '::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(ranges.of('::ffff:198.51.100.1', '203.0.113.5')).toBe('198.51.100.1');
    const none = new ClientAddresses({ hops: 0 });
    expect(none.of('::FFFF:198.51.100.1', undefined)).toBe('198.51.100.1');
  });

  it('writes one address one way, with or without a port, and stops at an entry that is not an address', () => {
    const oneHop = new ClientAddresses({ hops: 1 });
    expect(oneHop.of('10.0.0.1', '2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(oneHop.of('10.0.0.1', '[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(oneHop.of('10.0.0.1', '203.0.113.5:51234')).toBe('203.0.113.5');
    expect(oneHop.of('10.0.0.1', 'unknown')).toBe('10.0.0.1');
    expect(oneHop.of('10.0.0.1', '203.0.113.5,')).toBe('10.0.0.1');
    expect(new ClientAddresses({ hops: 3 }).of('10.0.0.1', '203.0.113.5, <script>, 10.0.0.2')).toBe('10.0.0.2');
  });

  it('counts an IPv6 client by its /64 and an IPv4 client by its address', () => {
    expect(addressBucket('203.0.113.5')).toBe('203.0.113.5');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8::/64');
    expect(addressBucket('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressNetwork('198.51.100.7', 24, 48)).toBe('198.51.100.0/24');
    expect(addressNetwork('2001:db8:1:2:aaaa::1', 24, 48)).toBe('2001:db8:1::/48');
    expect(addressNetwork('not an address', 24, 48)).toBe('not an address');
    expect(addressBucket('::1')).toBe('::/64');
    expect(addressBucket('local')).toBe('local');
  });

  it('is configured by hops or by ranges, and SPOKE_TRUST_PROXY=true still means one hop', () => {
    const proxies = (env: NodeJS.ProcessEnv) => loadConfig(env, '/tmp').trustedProxies;
    expect(proxies({})).toEqual({ hops: 0 });
    expect(proxies({ SPOKE_TRUST_PROXY: 'true' })).toEqual({ hops: 1 });
    expect(proxies({ SPOKE_TRUST_PROXY: '1' })).toEqual({ hops: 1 });
    expect(proxies({ SPOKE_TRUSTED_PROXY_HOPS: '2' })).toEqual({ hops: 2 });
    expect(proxies({ SPOKE_TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8,192.0.2.1' })).toEqual({
      cidrs: ['10.0.0.0/8', 'fd00::/8', '192.0.2.1'],
    });
    expect(() => proxies({ SPOKE_TRUSTED_PROXY_HOPS: '1', SPOKE_TRUSTED_PROXIES: '10.0.0.0/8' })).toThrow(/only one/);
    expect(() => proxies({ SPOKE_TRUST_PROXY: 'true', SPOKE_TRUSTED_PROXY_HOPS: '2' })).toThrow(/only one/);
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.0/8/1', 'fd00::/129', '10.0.0.0/x']) {
      expect(() => proxies({ SPOKE_TRUSTED_PROXIES: bad }), bad).toThrow(/not an IP address or a CIDR range/);
    }
    expect(() => proxies({ SPOKE_TRUSTED_PROXY_HOPS: '-1' })).toThrow(/whole number/);
  });

  it('gives enrolment and redirects a limit each, the older shared setting as their default', () => {
    const limits = (env: NodeJS.ProcessEnv) => {
      const config = loadConfig(env, '/tmp');
      return [config.enrolRatePerMinute, config.redirectRatePerMinute];
    };
    expect(limits({})).toEqual([120, 120]);
    expect(limits({ SPOKE_RATE_IP_PER_MIN: '60' })).toEqual([60, 60]);
    expect(limits({ SPOKE_RATE_IP_PER_MIN: '60', SPOKE_RATE_ENROL_PER_MIN: '5' })).toEqual([5, 60]);
    expect(limits({ SPOKE_RATE_REDIRECT_PER_MIN: '600' })).toEqual([120, 600]);
  });
});

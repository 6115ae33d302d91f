// Who the client is, for the per-address limits and for telling click visitors apart. The socket peer is the only
// address nobody can forge; `X-Forwarded-For` is believed only as far as it was written by proxies the operator
// trusts. Each proxy appends the address it saw, so the list is read from the right, starting at the peer, and the
// first address not vouched for by a trusted hop is the client's: whatever a client wrote to the left of it never
// counts.
import { BlockList, isIP, SocketAddress } from 'node:net';

/** Which hops in front of the hub may say who the client is (README, "Environment"). */
export type TrustedProxies =
  /** The nearest `hops` addresses (the peer first) are the operator's proxies; 0: believe no header. */
  | { hops: number }
  /** Peers and forwarded addresses inside these ranges (`10.0.0.0/8`, `fd00::/8`, a single address) are proxies. */
  | { cidrs: string[] };

/** An address in one canonical text form (IPv4-mapped IPv6 as IPv4), or undefined when it is not an IP address. */
function canonicalAddress(raw: string): string | undefined {
  let text = raw.trim();
  // `[v6]:port` and `v4:port`, as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.indexOf(':'));
  const family = isIP(text);
  if (family === 0) return undefined;
  if (family === 4) return new SocketAddress({ address: text, family: 'ipv4' }).address;
  const address = new SocketAddress({ address: text, family: 'ipv6' }).address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  return mapped ? mapped[1] : address;
}

/** The eight 16-bit groups of a canonical IPv6 address (a `::` stands for zeros, a dotted tail for two groups). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) =>
    part
      ? part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        })
      : [];
  const left = groupsOf(head);
  if (tail === undefined) return left;
  const right = groupsOf(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The network an address is in, as `prefix/bits` (IPv4 masked to `v4Bits`, IPv6 to `v6Bits`, an IPv4-mapped IPv6
 * address as IPv4). Anything that is not an IP address (`local`) is returned as is.
 */
export function addressNetwork(raw: string, v4Bits: number, v6Bits: number): string {
  const address = canonicalAddress(raw);
  if (!address) return raw;
  if (isIP(address) === 4) {
    const value = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
    const masked = v4Bits === 0 ? 0 : Math.floor(value / 2 ** (32 - v4Bits)) * 2 ** (32 - v4Bits);
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(masked / 2 ** shift) % 256);
    return v4Bits === 32 ? octets.join('.') : `${octets.join('.')}/${v4Bits}`;
  }
  const groups = ipv6Groups(address).map((group, index) => {
    const keep = Math.max(0, Math.min(16, v6Bits - index * 16));
    return keep === 0 ? 0 : group & (0xffff << (16 - keep)) & 0xffff;
  });
  const text = new SocketAddress({ address: groups.map((group) => group.toString(16)).join(':'), family: 'ipv6' });
  return `${text.address}/${v6Bits}`;
}

/**
 * The unit a per-address limit counts: an IPv4 address, or the /64 an IPv6 address is in (one subscriber's network,
 * whose holder may use any of its 2⁶⁴ addresses). Anything else (`local`) as is.
 */
export function addressBucket(address: string): string {
  return addressNetwork(address, 32, 64);
}

/** Throws naming the first entry of a CIDR list that is not an address or a range (for the settings, at start). */
export function checkProxyRanges(cidrs: string[]): void {
  blockListOf(cidrs);
}

/** The address ranges of a CIDR list; throws naming the first entry that is not an address or a range. */
function blockListOf(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const [raw = '', bits, ...rest] = entry.split('/');
    const address = canonicalAddress(raw);
    const family = address && isIP(address) === 4 ? 'ipv4' : 'ipv6';
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!address || rest.length > 0 || !/^\d+$/.test(bits ?? String(max)) || prefix > max) {
      throw new Error(`"${entry}" is not an IP address or a CIDR range (10.0.0.0/8, fd00::/8).`);
    }
    list.addSubnet(address, prefix, family);
  }
  return list;
}

/** Finds the client address of a request from its socket peer and `X-Forwarded-For`, as far as proxies are trusted. */
export class ClientAddresses {
  private readonly trusted: (address: string, hop: number) => boolean;

  constructor(proxies: TrustedProxies) {
    if ('cidrs' in proxies) {
      const list = blockListOf(proxies.cidrs);
      this.trusted = (address) => list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
    } else {
      const { hops } = proxies;
      this.trusted = (_address, hop) => hop < hops;
    }
  }

  /**
   * The rightmost address not written by a trusted hop: the peer when it is not a proxy, else the walk goes on
   * leftwards through `X-Forwarded-For`. An entry that is not an address ends the walk at the hop that passed it on;
   * when the list runs out, its leftmost address is the client's. `local` without a peer (in-process requests).
   */
  of(peer: string | undefined, forwardedFor: string | undefined): string {
    let client = peer === undefined ? undefined : canonicalAddress(peer);
    if (client === undefined) return 'local';
    const forwarded = forwardedFor ? forwardedFor.split(',') : [];
    for (let hop = 0; this.trusted(client, hop) && forwarded.length > 0; hop++) {
      const next = canonicalAddress(forwarded.pop() as string);
      if (next === undefined) break;
      client = next;
    }
    return client;
  }
}

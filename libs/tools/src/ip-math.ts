import ipaddr from 'ipaddr.js';

/** An IP network (or a host as a /32 or /128), with exact BigInt arithmetic. */
export interface Cidr {
  version: 4 | 6;
  /** The network address (host bits cleared). */
  network: bigint;
  /** Prefix length. */
  length: number;
}

/** Address width of a version. */
export function bitsOf(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 8n) | BigInt(byte);
  }
  return value;
}

function toBytes(value: bigint, count: number): number[] {
  const bytes: number[] = new Array<number>(count);
  for (let i = count - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

/** Parses an address strictly (dotted quad for IPv4, no zone for IPv6); undefined if invalid. */
export function parseAddress(text: string): { version: 4 | 6; value: bigint } | undefined {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) {
    return { version: 4, value: toBigInt(ipaddr.IPv4.parse(trimmed).toByteArray()) };
  }
  if (trimmed.includes(':') && !trimmed.includes('%') && ipaddr.IPv6.isValid(trimmed)) {
    return { version: 6, value: toBigInt(ipaddr.IPv6.parse(trimmed).toByteArray()) };
  }
  return undefined;
}

/**
 * Parses `address/length` (the network is normalised: `10.1.2.3/16` → `10.1.0.0/16`),
 * or a bare address as a host route when `hostIfBare` is set; undefined if invalid.
 */
export function parseCidr(text: string, hostIfBare = false): Cidr | undefined {
  const [address, length, ...rest] = text.trim().split('/');
  if (rest.length > 0 || (length === undefined && !hostIfBare)) {
    return undefined;
  }
  const parsed = parseAddress(address);
  if (!parsed) {
    return undefined;
  }
  const bits = bitsOf(parsed.version);
  if (length !== undefined && !/^\d{1,3}$/.test(length)) {
    return undefined;
  }
  const len = length === undefined ? bits : Number(length);
  if (len > bits) {
    return undefined;
  }
  return {
    version: parsed.version,
    network: parsed.value & maskOf(parsed.version, len),
    length: len,
  };
}

/**
 * Parses an address as Nautobot prints an IP address, `host/parent-length`
 * (`10.11.128.10/24`) or bare: the host bits are kept, the length is only checked.
 * (`parseCidr` clears them: that reads the network, not the address.)
 */
export function parseHostAddress(text: string): { version: 4 | 6; value: bigint } | undefined {
  const [address, length, ...rest] = text.trim().split('/');
  const parsed = rest.length === 0 ? parseAddress(address) : undefined;
  if (!parsed || (length !== undefined && !/^\d{1,3}$/.test(length))) {
    return undefined;
  }
  return length === undefined || Number(length) <= bitsOf(parsed.version) ? parsed : undefined;
}

function maskOf(version: 4 | 6, length: number): bigint {
  const bits = BigInt(bitsOf(version));
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(length))) - 1n);
}

/** Number of addresses in the network. */
export function sizeOf(cidr: Cidr): bigint {
  return 1n << BigInt(bitsOf(cidr.version) - cidr.length);
}

/** The last address of the network. */
export function lastOf(cidr: Cidr): bigint {
  return cidr.network + sizeOf(cidr) - 1n;
}

/** Whether `inner` lies within `outer` (equal counts). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.version === inner.version &&
    inner.length >= outer.length &&
    inner.network >= outer.network &&
    lastOf(inner) <= lastOf(outer)
  );
}

/** An address as text (IPv6 in RFC 5952 form, as Nautobot prints it). */
export function formatAddress(version: 4 | 6, value: bigint): string {
  const bytes = toBytes(value, version === 4 ? 4 : 16);
  const address = ipaddr.fromByteArray(bytes);
  return address.kind() === 'ipv6'
    ? (address as ipaddr.IPv6).toRFC5952String()
    : address.toString();
}

/** `network/length` as text. */
export function formatCidr(cidr: Cidr): string {
  return `${formatAddress(cidr.version, cidr.network)}/${cidr.length}`;
}

/** Orders networks by version, then address, then length (Nautobot's prefix order). */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.version !== b.version) {
    return a.version - b.version;
  }
  if (a.network !== b.network) {
    return a.network < b.network ? -1 : 1;
  }
  return a.length - b.length;
}

/** The fewest aligned CIDR blocks exactly covering the address range `[start, end]`. */
export function rangeToCidrs(version: 4 | 6, start: bigint, end: bigint): Cidr[] {
  const bits = bitsOf(version);
  const out: Cidr[] = [];
  let at = start;
  while (at <= end) {
    // Largest block aligned at `at` that does not run past `end`.
    let hostBits = 0;
    while (
      hostBits < bits &&
      (at & ((1n << BigInt(hostBits + 1)) - 1n)) === 0n &&
      at + (1n << BigInt(hostBits + 1)) - 1n <= end
    ) {
      hostBits++;
    }
    out.push({ version, network: at, length: bits - hostBits });
    at += 1n << BigInt(hostBits);
  }
  return out;
}

/**
 * The parts of `parent` that no network of `used` covers, as maximal CIDR blocks in
 * address order. `used` may overlap, nest, repeat or reach outside `parent`.
 */
export function freeBlocks(parent: Cidr, used: readonly Cidr[]): Cidr[] {
  const first = parent.network;
  const last = lastOf(parent);
  const ranges = used
    .filter((u) => u.version === parent.version)
    .map((u) => [u.network, lastOf(u)] as const)
    .filter(([s, e]) => e >= first && s <= last)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Cidr[] = [];
  let at = first;
  for (const [s, e] of ranges) {
    if (s > at) {
      out.push(...rangeToCidrs(parent.version, at, s - 1n));
    }
    if (e + 1n > at) {
      at = e + 1n;
    }
    if (at > last) {
      return out;
    }
  }
  if (at <= last) {
    out.push(...rangeToCidrs(parent.version, at, last));
  }
  return out;
}

/** Number of addresses the union of `used` covers inside `parent`. */
export function coveredSize(parent: Cidr, used: readonly Cidr[]): bigint {
  let free = 0n;
  for (const block of freeBlocks(parent, used)) {
    free += sizeOf(block);
  }
  return sizeOf(parent) - free;
}

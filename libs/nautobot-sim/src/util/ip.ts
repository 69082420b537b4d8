/** An IP address or network: version, numeric value and prefix length. */
export interface IpValue {
  version: 4 | 6;
  value: bigint;
  len: number;
}

const V4_MAX = (1n << 32n) - 1n;

/** Number of bits of an address family. */
export function bitsOf(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return undefined;
  }
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) {
      return undefined;
    }
    const n = Number(part);
    if (n > 255) {
      return undefined;
    }
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) {
    return undefined;
  }
  let tailV4: bigint | undefined;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.')) {
    tailV4 = parseV4(body.slice(lastColon + 1));
    if (tailV4 === undefined) {
      return undefined;
    }
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const [head, tail] = body.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) {
    return undefined;
  }
  const groups = [
    ...headGroups,
    ...Array<string>(tail === undefined ? 0 : missing).fill('0'),
    ...tailGroups,
  ];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
      return undefined;
    }
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  if (tailV4 !== undefined) {
    value = (value & ~V4_MAX) | tailV4;
  }
  return value;
}

/** Parses `10.0.0.1`, `10.0.0.0/24`, `2001:db8::/32` (host bits kept); undefined when invalid. */
export function parseIp(text: string): IpValue | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addr = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  const version: 4 | 6 = addr.includes(':') ? 6 : 4;
  const value = version === 4 ? parseV4(addr) : parseV6(addr);
  if (value === undefined) {
    return undefined;
  }
  const bits = bitsOf(version);
  let len = bits;
  if (slash >= 0) {
    const lenText = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > bits) {
      return undefined;
    }
    len = Number(lenText);
  }
  return { version, value, len };
}

/** The network value of `value/len` (host bits cleared). */
export function networkOf(version: 4 | 6, value: bigint, len: number): bigint {
  const hostBits = BigInt(bitsOf(version) - len);
  return (value >> hostBits) << hostBits;
}

/** The last address of `net/len`. */
export function lastOf(version: 4 | 6, net: bigint, len: number): bigint {
  const hostBits = BigInt(bitsOf(version) - len);
  return net | ((1n << hostBits) - 1n);
}

/** True when network `inner` lies within network `outer` (inclusive). */
export function within(outer: IpValue, inner: IpValue): boolean {
  if (outer.version !== inner.version || outer.len > inner.len) {
    return false;
  }
  return (
    networkOf(outer.version, inner.value, outer.len) ===
    networkOf(outer.version, outer.value, outer.len)
  );
}

/** Formats an address (IPv6 compressed per RFC 5952, lower case). */
export function formatIp(version: 4 | 6, value: bigint): string {
  if (version === 4) {
    const n = Number(value);
    return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) {
    groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) {
      j++;
    }
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) {
    return hex.join(':');
  }
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** Formats a v4 address held in a plain number (fast path for generated data). */
export function formatV4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

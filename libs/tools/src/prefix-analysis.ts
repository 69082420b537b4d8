import {
  bitsOf,
  compareCidrs,
  contains,
  formatCidr,
  freeBlocks,
  lastOf,
  parseHostAddress,
  sizeOf,
  type Cidr,
} from './ip-math.js';

/** A prefix to analyse. */
export interface PrefixInput {
  cidr: Cidr;
  namespace: string;
  /** `network`, `container` or `pool`. */
  type: string;
  status: string;
  role: string | null;
}

/** An IP address to count (its namespace is its parent prefix's). */
export interface AddressInput {
  version: 4 | 6;
  value: bigint;
  namespace: string;
}

/** The analysis input of an address as Nautobot prints it (`10.11.128.10/24`); undefined if unreadable. */
export function addressInputOf(text: string, namespace: string): AddressInput | undefined {
  const address = parseHostAddress(text);
  return address ? { ...address, namespace } : undefined;
}

/** How full one prefix is. */
export interface PrefixUsage {
  prefix: string;
  namespace: string;
  type: string;
  status: string;
  role: string | null;
  /** Addresses that count as usable (exact, decimal). */
  size: string;
  /** Addresses used (exact, decimal). */
  used: string;
  /** used / size in percent, rounded down to 2 decimals. */
  utilisation: number;
  /** Direct child prefixes. */
  child_prefixes: number;
  /** IP addresses inside it. */
  ip_addresses: number;
}

/** A block of address space nothing uses. */
export interface FreeBlock {
  prefix: string;
  /** Addresses in it (exact, decimal). */
  size: string;
  /** The prefix it is free in. */
  within: string;
  namespace: string;
}

/** The analysis of one IP version. */
export interface VersionAnalysis {
  prefixes: number;
  /** Usable addresses of the top-level prefixes. */
  size: string;
  /** Used addresses of the top-level prefixes. */
  used: string;
  utilisation: number;
  /** Top-level prefixes (no parent among the analysed ones), in address order. */
  top_level: PrefixUsage[];
  top_level_count: number;
  /** The fullest prefixes, fullest first. */
  fullest: PrefixUsage[];
  /** The largest free blocks, largest first. */
  largest_free: FreeBlock[];
}

/** The whole analysis. */
export interface PrefixAnalysis {
  prefixes: number;
  ip_addresses: number;
  by_status: Record<string, number>;
  by_role: Record<string, number>;
  by_type: Record<string, number>;
  ipv4: VersionAnalysis;
  ipv6: VersionAnalysis;
}

interface Node {
  input: PrefixInput;
  children: Node[];
  size: bigint;
  used: bigint;
  ips: number;
  /** utilisation in hundredths of a percent, once measured. */
  permyriad: number;
}

/** A free block before formatting. */
interface Candidate {
  block: Cidr;
  parent: Node;
}

/**
 * The `top` largest free blocks seen so far, largest first (ties: first seen first).
 * Bounded, so a scope of 100 000 prefixes never holds more than `top` candidates.
 */
class LargestBlocks {
  readonly items: Candidate[] = [];

  constructor(private readonly top: number) {}

  /** Whether a block of this prefix length could still enter the list. */
  wants(length: number): boolean {
    return this.items.length < this.top || length < this.items[this.items.length - 1].block.length;
  }

  add(candidate: Candidate): void {
    if (!this.wants(candidate.block.length)) {
      return;
    }
    let i = this.items.length;
    while (i > 0 && this.items[i - 1].block.length > candidate.block.length) {
      i--;
    }
    this.items.splice(i, 0, candidate);
    if (this.items.length > this.top) {
      this.items.pop();
    }
  }
}

/** Sorted distinct addresses of one namespace and version. */
type AddressIndex = Map<string, bigint[]>;

function indexAddresses(addresses: readonly AddressInput[]): AddressIndex {
  const index: AddressIndex = new Map();
  for (const a of addresses) {
    const key = `${a.namespace}\n${a.version}`;
    const list = index.get(key);
    if (list) {
      list.push(a.value);
    } else {
      index.set(key, [a.value]);
    }
  }
  for (const [key, list] of index) {
    list.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    index.set(
      key,
      list.filter((v, i) => i === 0 || v !== list[i - 1]),
    );
  }
  return index;
}

/** First index in a sorted list whose value is >= `value`. */
function lowerBound(list: readonly bigint[], value: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Addresses of `list` inside `cidr`, as index range [from, to). */
function within(list: readonly bigint[], cidr: Cidr): [number, number] {
  return [lowerBound(list, cidr.network), lowerBound(list, lastOf(cidr) + 1n)];
}

/** used / size in hundredths of a percent, rounded down; 100 % at most. */
function permyriad(used: bigint, size: bigint): number {
  if (size <= 0n) {
    return used > 0n ? 10000 : 0;
  }
  const clamped = used > size ? size : used;
  return Number((clamped * 10000n) / size);
}

/**
 * Usable size as Nautobot counts it: an IPv4 network (not a pool) shorter than /31
 * loses its network and broadcast addresses.
 */
function usableSize(p: PrefixInput): bigint {
  const size = sizeOf(p.cidr);
  return p.cidr.version === 4 && p.type === 'network' && p.cidr.length < 31 ? size - 2n : size;
}

function usage(node: Node): PrefixUsage {
  const { input } = node;
  return {
    prefix: formatCidr(input.cidr),
    namespace: input.namespace,
    type: input.type,
    status: input.status,
    role: input.role,
    size: node.size.toString(),
    used: (node.used > node.size ? node.size : node.used).toString(),
    utilisation: node.permyriad / 100,
    child_prefixes: node.children.length,
    ip_addresses: node.ips,
  };
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Builds the containment tree of one namespace and version (inputs in address order). */
function buildTree(sorted: readonly PrefixInput[]): { roots: Node[]; all: Node[] } {
  const roots: Node[] = [];
  const all: Node[] = [];
  const stack: Node[] = [];
  for (const input of sorted) {
    const node: Node = {
      input,
      children: [],
      size: usableSize(input),
      used: 0n,
      ips: 0,
      permyriad: 0,
    };
    while (stack.length > 0 && !contains(stack[stack.length - 1].input.cidr, input.cidr)) {
      stack.pop();
    }
    (stack.length > 0 ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
    all.push(node);
  }
  return { roots, all };
}

/**
 * Analyses prefixes and addresses: counts by status, role and type; per prefix the
 * utilisation (containers: the space their child prefixes and directly held addresses
 * cover; networks and pools: their addresses); the largest free blocks; the fullest
 * prefixes. Exact for IPv4 and IPv6 (BigInt); prefixes nest per namespace.
 */
export function analysePrefixes(
  prefixes: readonly PrefixInput[],
  addresses: readonly AddressInput[],
  top: number,
): PrefixAnalysis {
  const by_status: Record<string, number> = {};
  const by_role: Record<string, number> = {};
  const by_type: Record<string, number> = {};
  for (const p of prefixes) {
    count(by_status, p.status);
    count(by_role, p.role ?? '(none)');
    count(by_type, p.type);
  }
  const index = indexAddresses(addresses);
  const groups = new Map<string, PrefixInput[]>();
  for (const p of prefixes) {
    const key = `${p.namespace}\n${p.cidr.version}`;
    const list = groups.get(key);
    if (list) {
      list.push(p);
    } else {
      groups.set(key, [p]);
    }
  }
  const newVersion = (): VersionState => ({ nodes: [], roots: [], free: new LargestBlocks(top) });
  const versions = { 4: newVersion(), 6: newVersion() };
  for (const [key, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => compareCidrs(a.cidr, b.cidr));
    const ips = index.get(key) ?? [];
    const { roots, all } = buildTree(list);
    const v = versions[list[0].cidr.version];
    for (const node of all) {
      measure(node, ips, v.free);
    }
    v.nodes.push(...all);
    v.roots.push(...roots);
  }
  return {
    prefixes: prefixes.length,
    ip_addresses: [...index.values()].reduce((n, list) => n + list.length, 0),
    by_status,
    by_role,
    by_type,
    ipv4: summarise(versions[4], top),
    ipv6: summarise(versions[6], top),
  };
}

interface VersionState {
  nodes: Node[];
  roots: Node[];
  free: LargestBlocks;
}

/** Fills in a node's used space and IP count, and offers its free blocks. */
function measure(node: Node, ips: readonly bigint[], free: LargestBlocks): void {
  const { cidr } = node.input;
  const [from, to] = within(ips, cidr);
  node.ips = to - from;
  const host = bitsOf(cidr.version);
  const hostRoutes = (start: number, end: number): Cidr[] =>
    ips.slice(start, end).map((value) => ({ version: cidr.version, network: value, length: host }));
  let blocks: Cidr[];
  if (node.input.type === 'container') {
    // Addresses inside a child are already covered by it.
    const children = node.children.map((c) => c.input.cidr);
    const direct: Cidr[] = [];
    let at = from;
    for (const child of children) {
      const [cFrom, cTo] = within(ips, child);
      direct.push(...hostRoutes(at, Math.max(cFrom, at)));
      at = Math.max(at, cTo);
    }
    direct.push(...hostRoutes(at, to));
    blocks = freeBlocks(cidr, [...children, ...direct]);
    let freeSize = 0n;
    for (const b of blocks) {
      freeSize += sizeOf(b);
    }
    node.used = sizeOf(cidr) - freeSize;
  } else {
    node.used = BigInt(node.ips);
    blocks = freeBlocks(cidr, hostRoutes(from, to));
  }
  node.permyriad = permyriad(node.used, node.size);
  for (const block of blocks.sort((a, b) => a.length - b.length)) {
    if (!free.wants(block.length)) {
      break;
    }
    free.add({ block, parent: node });
  }
}

function summarise(state: VersionState, top: number): VersionAnalysis {
  let size = 0n;
  let used = 0n;
  for (const root of state.roots) {
    size += root.size;
    used += root.used > root.size ? root.size : root.used;
  }
  const fullest = [...state.nodes]
    .sort(
      (a, b) =>
        b.permyriad - a.permyriad ||
        (a.size === b.size ? 0 : a.size > b.size ? -1 : 1) ||
        compareCidrs(a.input.cidr, b.input.cidr),
    )
    .slice(0, top)
    .map(usage);
  return {
    prefixes: state.nodes.length,
    size: size.toString(),
    used: used.toString(),
    utilisation: permyriad(used, size) / 100,
    top_level: state.roots.slice(0, top).map(usage),
    top_level_count: state.roots.length,
    fullest,
    largest_free: state.free.items.map(({ block, parent }) => ({
      prefix: formatCidr(block),
      size: sizeOf(block).toString(),
      within: formatCidr(parent.input.cidr),
      namespace: parent.input.namespace,
    })),
  };
}

import { invalidArguments, problemOf } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { NautobotClient, type NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { AnalyzePrefixesInput, AnalyzePrefixesResult } from '../dto/analyze-prefixes.dto.js';
import { choiceOf, nameOf } from '../flatten.js';
import { compareCidrs, contains, formatCidr, parseCidr, type Cidr } from '../ip-math.js';
import { LocationScope } from '../location-scope.service.js';
import { jsonBytes } from '../output-control.js';
import {
  addressInputOf,
  analysePrefixes,
  type AddressInput,
  type PrefixInput,
  type VersionAnalysis,
} from '../prefix-analysis.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Rows per Nautobot request. */
const PAGE = 1000;
/** Top-level networks per IP address query. */
const CHUNK = 100;

@Tool({
  name: 'analyze_prefixes',
  title: 'Analyse prefix utilisation',
  description:
    'Analyse the IP space of a location (with its child locations) and/or a parent prefix (within, e.g. 10.11.0.0/16), optionally in one namespace: counts of prefixes by status, role and type; per IP version the top-level prefixes with size, used addresses and utilisation %, the fullest prefixes, and the largest free blocks (unallocated space in containers, unused addresses in networks and pools). Exact for IPv4 and IPv6 (sizes are decimal strings). Use it for "how full is 10.11.0.0/16?", "where can I allocate a /24 in AMS01?" or "which subnets are nearly exhausted?". A very large scope is refused (scope-too-large): narrow it with a smaller location, within or namespace.',
  toolset: 'ipam',
  input: AnalyzePrefixesInput,
  output: AnalyzePrefixesResult,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { location: 'AMS01', top: 5 },
  queries: [
    {
      name: 'analyze_prefixes',
      variables: [
        'location',
        'exclude_locations',
        'within_include',
        'namespace',
        'limit',
        'offset',
      ],
    },
    { name: 'analyze_ip_addresses', variables: ['prefix', 'namespace', 'limit', 'offset'] },
  ],
})
@Injectable()
export class AnalyzePrefixesTool implements ToolHandler<
  AnalyzePrefixesInput,
  AnalyzePrefixesResult
> {
  constructor(
    private readonly nautobot: NautobotClient,
    private readonly scope: LocationScope,
    @InjectSettings() private readonly settings: Settings,
  ) {}

  async run(input: AnalyzePrefixesInput, context: ToolContext): Promise<AnalyzePrefixesResult> {
    if (input.location === undefined && input.within === undefined) {
      throw invalidArguments([
        { field: 'location', message: 'give location or within (or both) to analyse' },
      ]);
    }
    const location = await this.scope.optionalVariables(input);
    const within = input.within === undefined ? undefined : formatCidr(parseCidr(input.within)!);
    const namespace = input.namespace?.trim();
    const prefixes: PrefixInput[] = [];
    for await (const page of this.nautobot.pages(
      'analyze_prefixes',
      {
        ...location,
        within_include: within === undefined ? undefined : [within],
        namespace: namespace === undefined ? undefined : [namespace],
      },
      PAGE,
    )) {
      context.warnings.push(...page.warnings);
      // Counted as pages arrive: a scope over the limit stops paging at once.
      if (prefixes.length + page.rows.length > this.settings.analyzeMaxPrefixes) {
        throw scopeTooLarge('prefixes', this.settings.analyzeMaxPrefixes);
      }
      for (const row of page.rows) {
        const prefix = toPrefixInput(row);
        if (prefix) {
          prefixes.push(prefix);
        } else {
          context.warnings.push(
            `skipped a prefix Nautobot sent without a valid network: ${String(row.prefix)}`,
          );
        }
      }
    }
    const addresses = await this.addresses(prefixes, context);
    const analysis = analysePrefixes(prefixes, addresses, input.top ?? 10);
    const result: AnalyzePrefixesResult = {
      scope: {
        location: location.location?.[0],
        children: location.location ? (input.includeChildLocations ?? true) : undefined,
        within,
        namespace,
      },
      ...analysis,
      truncated: false,
    };
    return this.withinBudget(result, context);
  }

  /** The addresses inside the top-level prefixes, per namespace, in chunks. */
  private async addresses(prefixes: PrefixInput[], context: ToolContext): Promise<AddressInput[]> {
    // The outermost prefixes per namespace: in address order a parent comes before
    // everything inside it, so one pass finds them.
    const tops = new Map<string, string[]>();
    const last = new Map<string, Cidr>();
    for (const p of [...prefixes].sort((a, b) => compareCidrs(a.cidr, b.cidr))) {
      const outer = last.get(p.namespace);
      if (!outer || !contains(outer, p.cidr)) {
        last.set(p.namespace, p.cidr);
        tops.set(p.namespace, [...(tops.get(p.namespace) ?? []), formatCidr(p.cidr)]);
      }
    }
    const out: AddressInput[] = [];
    for (const [namespace, cidrs] of tops) {
      for (let i = 0; i < cidrs.length; i += CHUNK) {
        for await (const page of this.nautobot.pages(
          'analyze_ip_addresses',
          { prefix: cidrs.slice(i, i + CHUNK), namespace: [namespace] },
          PAGE,
        )) {
          context.warnings.push(...page.warnings);
          if (out.length + page.rows.length > this.settings.analyzeMaxIpAddresses) {
            throw scopeTooLarge('ip_addresses', this.settings.analyzeMaxIpAddresses);
          }
          for (const row of page.rows) {
            const address = addressInputOf(String(row.address), namespace);
            if (address) {
              out.push(address);
            }
          }
        }
      }
    }
    return out;
  }

  /** Shortens the longest lists until the JSON result fits MAX_RESULT_BYTES. */
  private withinBudget(result: AnalyzePrefixesResult, context: ToolContext): AnalyzePrefixesResult {
    const max = this.settings.maxResultBytes;
    const lists = (v: VersionAnalysis) => [v.top_level, v.fullest, v.largest_free];
    const all = [...lists(result.ipv4), ...lists(result.ipv6)];
    while (jsonBytes(result) > max) {
      const longest = all.reduce((a, b) => (b.length > a.length ? b : a));
      if (longest.length === 0) {
        break;
      }
      longest.pop();
      result.truncated = true;
    }
    if (result.truncated) {
      context.warnings.push(
        `Lists shortened to stay within MAX_RESULT_BYTES (${max} bytes); ask for a smaller top or a narrower scope.`,
      );
    }
    return result;
  }
}

/**
 * The 400 for a scope over ANALYZE_MAX_PREFIXES / ANALYZE_MAX_IP_ADDRESSES: the whole
 * scope is held in memory to build its containment tree, so it is bounded.
 */
function scopeTooLarge(kind: 'prefixes' | 'ip_addresses', limit: number) {
  const what =
    kind === 'prefixes'
      ? `more than ${limit} prefixes (ANALYZE_MAX_PREFIXES)`
      : `more than ${limit} IP addresses (ANALYZE_MAX_IP_ADDRESSES)`;
  return problemOf(
    'scope-too-large',
    `The scope holds ${what}, too many to analyse at once. Narrow it: a smaller location (or includeChildLocations: false), a smaller within network, or one namespace.`,
    { kind, limit },
  );
}

/** The analysis input of a Nautobot prefix row; undefined if its network is unreadable. */
function toPrefixInput(row: NautobotRow): PrefixInput | undefined {
  const cidr = parseCidr(String(row.prefix));
  if (!cidr) {
    return undefined;
  }
  return {
    cidr,
    namespace: nameOf(row.namespace) ?? '',
    type: choiceOf(row.type) ?? 'network',
    status: nameOf(row.status) ?? '',
    role: nameOf(row.role),
  };
}

import type { ToolDefinition } from '@nautobot-mcp/tools';

/** The "Use it for …" clause of a tool description, up to its end (quotes kept whole). */
const USE_IT_FOR = /Use it (?:for|to) (?:"[^"]*"|[^";.])+/;

/** One line per tool: name, title and, when the description has one, what to use it for. */
function toolLine(tool: Pick<ToolDefinition, 'name' | 'title' | 'description'>): string {
  const use = USE_IT_FOR.exec(tool.description)?.[0];
  return `- ${tool.name}: ${tool.title}${use ? `. ${use.trim()}` : ''}.`;
}

/**
 * The server instructions an agent reads on `initialize` / `server/discover`: what
 * Nautobot is, which tool answers which question, and the rules every tool shares
 * (location scoping, paging, errors). Built from the tools the caller may use.
 */
export function buildInstructions(
  tools: readonly Pick<ToolDefinition, 'name' | 'title' | 'description'>[],
): string {
  const names = new Set(tools.map((t) => t.name));
  const locate = names.has('locations')
    ? ' When unsure of a name, call locations first (part of a name is enough).'
    : '';
  return [
    'Read-only access to Nautobot, the network source of truth: its inventory of locations (regions, sites, buildings), devices, racks, IP prefixes and addresses, VLANs and circuits, as far as the tools below cover it. Every tool only reads; answers are live Nautobot data.',
    '',
    'Tools:',
    ...tools.map(toolLine),
    '',
    'Rules every tool follows:',
    `- Locations form a tree (region > site > building). A location argument takes a Nautobot location name such as AMS01 or Europe (or an alias of the organisation) and includes its child locations unless includeChildLocations is false. An unknown location, role or status is an error listing close matches in suggestions; retry with one of them.${locate}`,
    '- Lists come in pages: limit (default 100, at most 1000). When a result says truncated: true, call the same tool with the same arguments plus cursor set to its nextCursor to get the next page; total is known once the last page is reached. Where a tool offers brief or fields, use them to get more items per page.',
    '- Unknown arguments are refused, never ignored. A failed call is a result with isError: true and a problem type: invalid-arguments lists each bad field; fix the arguments and retry. Types starting with nautobot- mean Nautobot itself failed (unreachable, timeout, rejected token): tell the user instead of retrying repeatedly.',
    '- Prefer the narrowest tool and filters for the question over listing everything.',
  ].join('\n');
}

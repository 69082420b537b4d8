import type { CallToolResult } from '@modelcontextprotocol/server';
import { MAX_LISTED_PROBLEMS, type ProblemDetails } from '@nautobot-mcp/common';
import type { ToolInvocation } from '@nautobot-mcp/tools';

interface ListPage {
  items: unknown[];
  count: number;
  total?: number;
  truncated: boolean;
  nextCursor?: string;
}

function isListPage(result: object): result is ListPage {
  const page = result as Partial<ListPage>;
  return Array.isArray(page.items) && typeof page.truncated === 'boolean';
}

/** One line saying what the result holds and, for a cut page, how to get the rest. */
export function summaryOf(invocation: ToolInvocation): string {
  const { name, result, meta } = invocation;
  let line = `${name}: result`;
  if (isListPage(result)) {
    const count = result.count ?? result.items.length;
    const total = result.total !== undefined ? ` of ${result.total}` : '';
    line = `${name}: ${count} item${count === 1 ? '' : 's'}${total}`;
    line += result.truncated
      ? '; more match: call again with the same arguments and cursor = nextCursor.'
      : '; complete.';
  }
  if (meta.warnings?.length) {
    line += ` Warnings: ${meta.warnings.join(' ')}`;
  }
  return line;
}

/**
 * A successful `tools/call` result: `structuredContent` is exactly what
 * `POST /tools/{name}` returns, and the text block is a summary line plus the same
 * object as compact JSON (MCP asks servers to mirror structured content as text for
 * clients that only show text; the size is bounded by MAX_RESULT_BYTES).
 */
export function toolResult(invocation: ToolInvocation): CallToolResult {
  return {
    content: [
      { type: 'text', text: `${summaryOf(invocation)}\n${JSON.stringify(invocation.result)}` },
    ],
    structuredContent: invocation.result,
    // DEMO_FALLBACK answers are marked for programs too, not only in the text's warnings.
    ...(invocation.meta.source ? { _meta: { [SOURCE_META_KEY]: invocation.meta.source } } : {}),
  };
}

/** `_meta` key of a result that did not come from Nautobot (value `demo-fallback`). */
export const SOURCE_META_KEY = 'nautobot-mcp-server/source';

/**
 * A failed call as a tool result the model can act on (`isError: true`): its gist —
 * every invalid field and any suggestions on their own lines — then the problem as
 * REST sends it (same `type`) as JSON. No `structuredContent`: that must match the
 * tool's `outputSchema`, and clients (e.g. the MCP Inspector) check it even on errors.
 * Linear in the size of the problem, and at most MAX_LISTED_PROBLEMS field lines.
 */
export function problemResult(problem: ProblemDetails): CallToolResult {
  const detail = problem.detail ?? problem.title;
  const lines = [`Error ${problem.type} (${problem.status}): ${detail}`];
  // Capped, so this stays linear in the detail's size whatever `errors` holds.
  for (const error of (problem.errors ?? []).slice(0, MAX_LISTED_PROBLEMS)) {
    const line = `${error.field}: ${error.message}`;
    if (!detail.includes(line)) {
      lines.push(`- ${line}`);
    }
  }
  const suggestions = problem.suggestions;
  if (Array.isArray(suggestions) && suggestions.length > 0) {
    lines.push(`Did you mean: ${suggestions.map(String).join(', ')}?`);
  }
  lines.push(JSON.stringify(problem));
  return {
    content: [{ type: 'text', text: lines.join('\n') }],
    isError: true,
  };
}

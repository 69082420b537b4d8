import {
  CurrentPrincipal,
  invalidArguments,
  problemOf,
  requestContext,
  type Principal,
} from '@nautobot-mcp/common';
import { NautobotClient } from '@nautobot-mcp/nautobot';
import {
  All,
  Controller,
  Get,
  Logger,
  Query,
  StreamableFile,
  applyDecorators,
} from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ExportPrefixesInput } from '../dto/export-prefixes.dto.js';
import { ToolRegistry } from '../tool.registry.js';
import { validateArguments } from '../validate-arguments.js';
import { PREFIX_FILTER_NAMES, PrefixExportService } from './prefix-export.service.js';

/** The tool whose permission also grants the REST export. */
const EXPORT_TOOL = 'export_prefixes_to_csv';

const QUERY_DOCS: Record<(typeof PREFIX_FILTER_NAMES)[number], [string, string]> = {
  location: ['Location name or alias (with its child locations).', 'AMS01'],
  includeChildLocations: ['With location: include child locations (default true).', 'true'],
  namespace: ['IPAM namespace.', 'Global'],
  vrf: ['VRF name or route distinguisher.', 'PROD'],
  tenant: ['Tenant name.', 'Acme Corp'],
  status: ['Status name.', 'Active'],
  role: ['Prefix role name.', 'server'],
  within: ['Only prefixes strictly inside this network (CIDR).', '10.11.0.0/16'],
  ipVersion: ['4 or 6.', '4'],
};

const ApiPrefixFilterQuery = () =>
  applyDecorators(
    ...PREFIX_FILTER_NAMES.map((name) =>
      ApiQuery({
        name,
        required: false,
        description: QUERY_DOCS[name][0],
        example: QUERY_DOCS[name][1],
      }),
    ),
  );

/** Query-string values as the filter DTO expects them: one value each, typed. */
function coerceQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const repeated: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      repeated.push(key);
      continue;
    }
    if (key === 'includeChildLocations' && /^(true|false)$/i.test(value)) {
      out[key] = value.toLowerCase() === 'true';
    } else if (key === 'ipVersion' && /^\d+$/.test(value)) {
      out[key] = Number(value);
    } else {
      out[key] = value;
    }
  }
  if (repeated.length > 0) {
    throw invalidArguments(repeated.map((field) => ({ field, message: 'give it once' })));
  }
  return out;
}

/**
 * Streamed CSV exports. A normal controller behind the global guard; the answer is a
 * StreamableFile (no `@Res()`), so Nest pipes it to the socket with backpressure,
 * stops reading Nautobot when the client goes away, and interceptors still apply.
 */
@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  private readonly logger = new Logger(ExportsController.name);

  constructor(
    private readonly exports: PrefixExportService,
    private readonly registry: ToolRegistry,
    private readonly nautobot: NautobotClient,
  ) {}

  @Get('prefixes.csv')
  @ApiOperation({
    summary: 'All prefixes matching the filters as CSV, streamed',
    description:
      'The filters of the `prefixes` tool as query parameters. Columns follow `graphql/prefixes.graphql`. Rows are written as Nautobot pages arrive; a download that ends without the final chunk (e.g. curl exit 18) is incomplete: Nautobot failed mid-way.',
    operationId: 'exportPrefixesCsv',
  })
  @ApiPrefixFilterQuery()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row, CRLF line ends.' })
  async prefixes(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const tool = this.registry.get(EXPORT_TOOL);
    if (!principal.allows(tool.definition)) {
      throw problemOf('tool-forbidden', `${principal.name} may not export prefixes.`, {
        tool: EXPORT_TOOL,
      });
    }
    const filters = await validateArguments(
      ExportPrefixesInput,
      coerceQuery(query),
      tool.argumentNames,
    );
    // One scope for the whole download: a client that goes away stops the paging (and
    // the prefetch), and DEMO_FALLBACK decides once. No TOOL_TIMEOUT_MS: it streams.
    const scope = this.nautobot.openScope({
      signals: [requestContext.getStore()?.signal],
      deadline: false,
    });
    // Bad filter values and a failing first page are answered here, as problem+json.
    const opened = await scope
      .run(() => this.exports.open(filters, scope.signal))
      .catch((error: unknown) => {
        scope.close();
        throw error;
      });
    opened.csv.once('close', () => scope.close());
    opened.csv.once('error', (error) => {
      this.logger.error(
        `prefix export failed after ${opened.count()} rows; the response was cut off: ${error.message}`,
      );
    });
    return new StreamableFile(opened.csv, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="prefixes.csv"',
    }).setErrorHandler((_error, res) => {
      // Headers and rows are out: ending normally would make a cut-off file look
      // complete, so the connection is dropped (the client sees an incomplete body).
      if (!res.destroyed) {
        res.destroy?.();
      }
    });
  }

  @All('prefixes.csv')
  @ApiExcludeEndpoint()
  otherMethods(): never {
    throw problemOf('method-not-allowed', 'Use GET on this path.').withHeaders({ allow: 'GET' });
  }
}

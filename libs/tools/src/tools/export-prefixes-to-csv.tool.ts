import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { ExportPrefixesInput, ExportPrefixesResult } from '../dto/export-prefixes.dto.js';
import { csvOptions, csvRecord } from '../exports/csv.js';
import { PrefixExportService } from '../exports/prefix-export.service.js';
import { jsonBytes } from '../output-control.js';
import { toPrefixItem } from '../prefix-mapper.js';
import { PREFIX_QUERY_VARIABLES } from '../prefix-query.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Rows asked of Nautobot per request while building an inline CSV. */
const PAGE = 500;

@Tool({
  name: 'export_prefixes_to_csv',
  title: 'Export prefixes as CSV',
  description:
    'Export the prefixes matching the filters of the prefixes tool (location, namespace, VRF, tenant, status, role, within, IP version; all optional) as a CSV spreadsheet with one column per field of the prefixes query. Returns the CSV inline when it fits the result size budget; otherwise the columns, the number of rows counted so far and a download path (/exports/prefixes.csv?…, same credentials) that streams the whole file. Use it when the user wants "all prefixes as a spreadsheet/CSV"; to read prefixes use prefixes.',
  toolset: 'ipam',
  input: ExportPrefixesInput,
  output: ExportPrefixesResult,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { location: 'AMS01' },
  queries: [{ name: 'prefixes', variables: PREFIX_QUERY_VARIABLES }],
})
@Injectable()
export class ExportPrefixesToCsvTool implements ToolHandler<
  ExportPrefixesInput,
  ExportPrefixesResult
> {
  constructor(
    private readonly exports: PrefixExportService,
    @InjectSettings() private readonly settings: Settings,
  ) {}

  async run(input: ExportPrefixesInput, context: ToolContext): Promise<ExportPrefixesResult> {
    const columns = this.exports.columns();
    const downloadPath = this.exports.downloadPath(input);
    const base = this.settings.publicBaseUrl?.replace(/\/+$/, '');
    const result: ExportPrefixesResult = {
      format: 'text/csv',
      columns,
      inline: true,
      rows: 0,
      complete: true,
      downloadPath,
      ...(base ? { downloadUrl: `${base}${downloadPath}` } : {}),
    };
    const max = this.settings.maxResultBytes;
    const chunks: string[] = [stringify([], { ...csvOptions(columns) })];
    let bytes = jsonBytes(result) + jsonBytes(chunks[0]) + 16;
    const abort = new AbortController();
    for await (const page of await this.exports.pages(input, abort.signal, PAGE)) {
      context.warnings.push(...page.warnings);
      const text = stringify(
        page.rows.map((row) => csvRecord(toPrefixItem(row), columns)),
        { ...csvOptions(columns), header: false },
      );
      result.rows += page.rows.length;
      // The CSV travels inside a JSON string: measure it escaped.
      bytes += jsonBytes(text) - 2;
      if (bytes > max) {
        abort.abort();
        return {
          ...result,
          inline: false,
          complete: page.rows.length < PAGE,
        };
      }
      chunks.push(text);
    }
    return { ...result, csv: chunks.join('') };
  }
}

import { Readable } from 'node:stream';
import { NautobotClient, type RowsPage } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import type { PrefixFilters } from '../dto/prefix-filters.dto.js';
import { prefixColumns, toPrefixItem } from '../prefix-mapper.js';
import { PrefixQuery } from '../prefix-query.service.js';
import { stringify } from 'csv-stringify/sync';
import { csvOptions, csvRecord } from './csv.js';

/** Rows asked of Nautobot per request while exporting. */
export const EXPORT_PAGE_SIZE = 1000;

/** The argument names of the prefix filters, in the order download links list them. */
export const PREFIX_FILTER_NAMES = [
  'location',
  'includeChildLocations',
  'namespace',
  'vrf',
  'tenant',
  'status',
  'role',
  'within',
  'ipVersion',
] as const;

/** An export whose first page has been read: its columns and its CSV text. */
export interface OpenedExport {
  columns: string[];
  /**
   * The CSV, one chunk per Nautobot page (the header row first), produced as pages
   * arrive and only as fast as the reader takes them. It errors if a later page fails.
   */
  csv: Readable;
  /** Data rows produced so far. */
  count(): number;
}

/**
 * Reads every prefix matching the filters from Nautobot, page by page, as CSV records.
 * Everything that can fail on bad input (filter values, the first page) fails in
 * `open`, before a byte is sent; later failures end the record stream with an error.
 */
@Injectable()
export class PrefixExportService {
  constructor(
    private readonly nautobot: NautobotClient,
    private readonly prefixes: PrefixQuery,
  ) {}

  /** Columns of the export: the fields of `graphql/prefixes.graphql`, in file order. */
  columns(): string[] {
    return prefixColumns(this.nautobot.catalog.get('prefixes').selection);
  }

  /** The relative download path of the export with these filters. */
  downloadPath(filters: PrefixFilters): string {
    const params = new URLSearchParams();
    for (const name of PREFIX_FILTER_NAMES) {
      const value = filters[name];
      if (value !== undefined) {
        params.set(name, String(value));
      }
    }
    const query = params.toString();
    return `/exports/prefixes.csv${query ? `?${query}` : ''}`;
  }

  /** Pages of prefixes matching the filters; the first page is read before this resolves. */
  async pages(
    filters: PrefixFilters,
    signal?: AbortSignal,
    pageSize = EXPORT_PAGE_SIZE,
  ): Promise<AsyncGenerator<RowsPage>> {
    const { variables } = await this.prefixes.resolve(filters);
    const pages = this.nautobot.pages('prefixes', variables, pageSize, signal);
    const first = await pages.next();
    return (async function* () {
      if (first.done) {
        return;
      }
      yield first.value;
      yield* pages;
    })();
  }

  async open(filters: PrefixFilters, signal?: AbortSignal): Promise<OpenedExport> {
    const columns = this.columns();
    const pages = await this.pages(filters, signal);
    let count = 0;
    async function* chunks(): AsyncGenerator<string> {
      yield stringify([], csvOptions(columns));
      for await (const page of pages) {
        count += page.rows.length;
        // One string per page: few, large writes keep the socket and the GC busy less
        // than a write per row.
        yield stringify(
          page.rows.map((row) => csvRecord(toPrefixItem(row), columns)),
          { ...csvOptions(columns), header: false },
        );
      }
    }
    // At most one page waits in the stream's buffer: memory stays flat.
    return {
      columns,
      csv: Readable.from(chunks(), { objectMode: false, highWaterMark: 1 }),
      count: () => count,
    };
  }
}

import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { csvCell, csvOptions, csvRecord } from './csv.js';

describe('csv', () => {
  it('writes cells for every kind of value', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('AMS01')).toBe('AMS01');
    expect(csvCell(100)).toBe('100');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(['AMS01', 'FRA01'])).toBe('AMS01, FRA01');
    expect(csvCell([{ vid: 1 }, 2])).toBe('{"vid":1}, 2');
    expect(csvCell({ vid: 10, name: 'x' })).toBe('{"vid":10,"name":"x"}');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(csvCell(text)).toBe(`'${text}`);
    }
    expect(csvCell(['=x'])).toBe("'=x");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes per RFC 4180 with CRLF line ends and a header row', () => {
    const columns = ['prefix', 'locations', 'description'];
    const record = csvRecord(
      { prefix: '10.0.0.0/8', locations: ['A', 'B'], description: 'say "hi"\nthere', extra: 1 },
      columns,
    );
    expect(stringify([record], csvOptions(columns))).toBe(
      'prefix,locations,description\r\n10.0.0.0/8,"A, B","say ""hi""\nthere"\r\n',
    );
    expect(stringify([], csvOptions(columns))).toBe('prefix,locations,description\r\n');
  });

  it('keeps hostile values inside their cell: no forged rows, no live formulas', () => {
    // The payloads of issue 11, item 22, and their CR / CRLF variants.
    const columns = ['prefix', 'locations', 'description'];
    const items = [
      {
        prefix: '10.0.0.0/24',
        locations: ['AMS01\nfake-row-id'],
        description: "Office LAN\n=cmd|' /C calc'!A0",
      },
      { prefix: '10.0.1.0/24', locations: ['AMS01\rfake'], description: 'a\r\n=1+1' },
      { prefix: '10.0.2.0/24', locations: ['=HYPERLINK("http://x")'], description: '\r=2+2' },
      { prefix: '10.0.3.0/24', locations: ['@SUM(A1)'], description: '\t-3' },
    ];
    const text = stringify(
      items.map((item) => csvRecord(item, columns)),
      csvOptions(columns),
    );
    // Read as a spreadsheet does: a bare LF or CR outside quotes also ends a row.
    const rows = parse(text, {
      relax_column_count: false,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
    expect(rows).toEqual([
      columns,
      ['10.0.0.0/24', 'AMS01\nfake-row-id', "Office LAN\n=cmd|' /C calc'!A0"],
      ['10.0.1.0/24', 'AMS01\rfake', 'a\r\n=1+1'],
      ['10.0.2.0/24', `'=HYPERLINK("http://x")`, "'\r=2+2"],
      ['10.0.3.0/24', "'@SUM(A1)", "'\t-3"],
    ]);
  });
});

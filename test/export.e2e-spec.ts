import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES, startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { parse } from 'csv-parse/sync';
import { startAppOn } from './support/app-on.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

const rowsOf = (csv: string): string[][] => parse(csv, { relax_column_count: false }) as string[][];

describe('GET /exports/prefixes.csv on the demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://mcp.example.com/' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('streams every matching prefix as CSV with the query file columns', async () => {
    const response = await fetch(`${t.url}/exports/prefixes.csv?location=Europe`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="prefixes.csv"');
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = rowsOf(text);
    expect(header).toEqual([
      'id',
      'prefix',
      'type',
      'status',
      'role',
      'locations',
      'vlan',
      'vlan_name',
      'tenant',
      'namespace',
      'description',
    ]);
    expect(rows).toHaveLength(DEMO_FIXTURES.counts.Europe.prefixes);
    const listed = await postJson(`${t.url}/tools/prefixes`, { location: 'Europe', limit: 1000 });
    expect(rows.map((r) => r[0])).toEqual(listed.body.items.map((p: any) => p.id));
    const dci = rows.find((r) => r[1] === DEMO_FIXTURES.multiLocationPrefix.prefix)!;
    expect(dci[5]).toBe('AMS01, FRA01');
  });

  it('takes the filters of the prefixes tool as query parameters', async () => {
    const text = await (
      await fetch(
        `${t.url}/exports/prefixes.csv?location=AMS01&includeChildLocations=false&ipVersion=4&role=server&status=Active&namespace=Global&vrf=PROD&within=10.11.0.0/16&tenant=Acme%20Corp`,
      )
    ).text();
    expect(rowsOf(text).map((r) => r[1])).toEqual(['prefix', '10.11.0.0/24', '10.11.1.0/24']);
    const empty = await (await fetch(`${t.url}/exports/prefixes.csv?location=SIN01`)).text();
    expect(rowsOf(empty)).toHaveLength(1);
  });

  it('answers 405 with Allow: GET for other methods, like every route (found by schemathesis)', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(`${t.url}/exports/prefixes.csv`, { method });
      expect({ method, status: response.status, allow: response.headers.get('allow') }).toEqual({
        method,
        status: 405,
        allow: 'GET',
      });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as any).type).toBe('method-not-allowed');
    }
  });

  it('answers bad filters with problem+json before any CSV', async () => {
    const cases: [string, string][] = [
      ['location=FRA1', 'unknown-location'],
      ['status=active', 'unknown-status'],
      ['vrf=PRD', 'unknown-filter-value'],
      ['location=FRA01&location=AMS01', 'invalid-arguments'],
      ['locaton=FRA01', 'invalid-arguments'],
      ['ipVersion=5', 'invalid-arguments'],
      ['includeChildLocations=maybe&location=AMS01', 'invalid-arguments'],
      ['within=10.0.0.0', 'invalid-arguments'],
      ['includeChildLocations=false', 'invalid-arguments'],
    ];
    for (const [query, type] of cases) {
      const response = await fetch(`${t.url}/exports/prefixes.csv?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as any).type).toBe(type);
    }
  });

  describe('export_prefixes_to_csv', () => {
    it('returns the CSV inline when it fits, identical to the download', async () => {
      const { status, body } = await postJson(`${t.url}/tools/export_prefixes_to_csv`, {
        location: 'AMS01',
        role: 'server',
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        format: 'text/csv',
        inline: true,
        complete: true,
        rows: 4,
        downloadPath: '/exports/prefixes.csv?location=AMS01&role=server',
        downloadUrl: 'https://mcp.example.com/exports/prefixes.csv?location=AMS01&role=server',
      });
      expect(rowsOf(body.csv)[0]).toEqual(body.columns);
      const download = await (await fetch(`${t.url}${body.downloadPath}`)).text();
      expect(body.csv).toBe(download);
    });

    it('rejects bad filters like the prefixes tool', async () => {
      const unknown = await postJson(`${t.url}/tools/export_prefixes_to_csv`, { tenant: 'Acme' });
      expect(unknown.body).toMatchObject({
        type: 'unknown-filter-value',
        suggestions: ['Acme Corp'],
      });
      const extra = await postJson(`${t.url}/tools/export_prefixes_to_csv`, { limit: 5 });
      expect(extra.body.errors[0].field).toBe('limit');
    });
  });
});

describe('export size budget and customised columns', () => {
  let t: TestApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-export-'));
    const packaged = readFileSync(join(process.cwd(), 'graphql/prefixes.graphql'), 'utf8');
    writeFileSync(
      join(dir, 'prefixes.graphql'),
      packaged.replace(/\n {4}description\n/, '\n    date_allocated\n    prefix_length\n'),
    );
    t = await startTestApp({ QUERIES_DIR: dir, MAX_RESULT_BYTES: '2048' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a column for a field a user added to the query file, in REST, tool and CSV', async () => {
    const text = await (await fetch(`${t.url}/exports/prefixes.csv?location=FRA01`)).text();
    const [header, first] = rowsOf(text);
    expect(header.slice(-3)).toEqual(['namespace', 'date_allocated', 'prefix_length']);
    expect(header).not.toContain('description');
    expect(first[header.indexOf('prefix_length')]).toBe('16');
    const listed = await postJson(`${t.url}/tools/prefixes`, {
      location: 'FRA01',
      fields: ['prefix', 'prefix_length'],
      limit: 1,
    });
    expect(listed.body.items).toEqual([{ prefix: '10.12.0.0/16', prefix_length: 16 }]);
  });

  it('answers a summary and the download path when the CSV is over MAX_RESULT_BYTES', async () => {
    const { status, body } = await postJson(`${t.url}/tools/export_prefixes_to_csv`, {
      ipVersion: 4,
    });
    expect(status).toBe(200);
    expect(body.inline).toBe(false);
    expect(body.csv).toBeUndefined();
    expect(body.complete).toBe(true);
    expect(body.downloadUrl).toBeUndefined();
    expect(body.downloadPath).toBe('/exports/prefixes.csv?ipVersion=4');
    const rows = rowsOf(await (await fetch(`${t.url}${body.downloadPath}`)).text());
    expect(rows[0]).toEqual(body.columns);
    expect(rows.length - 1).toBe(body.rows);
  });
});

/** The hostile values of issue 11, item 22, and where the proxy puts them. */
const HOSTILE: Record<string, { description: string; location: string }> = {
  '10.11.0.0/24': { description: "Office LAN\n=cmd|' /C calc'!A0", location: 'AMS01\nfake-row-id' },
  '10.11.1.0/24': { description: "=cmd|' /C calc'!A0", location: "@SUM(1+1)*cmd|' /C calc'!A0" },
  '10.11.2.0/24': { description: 'CR\rinside', location: '+1\r\n-2' },
};

/**
 * A Nautobot whose prefixes carry hostile text: the demo simulator behind a loopback
 * proxy that rewrites the description and location names of a few prefix rows.
 */
async function startHostileNautobot(): Promise<{ sim: SimServer; proxy: Server; url: string }> {
  const sim = await startSimulatorServer();
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const upstream = await fetch(`${sim.url}${req.url}`, {
          method: req.method,
          headers: {
            'content-type': 'application/json',
            authorization: req.headers.authorization ?? '',
          },
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        });
        let body = await upstream.text();
        if (req.url === '/api/graphql/' && upstream.ok) {
          const json = JSON.parse(body) as { data?: { prefixes?: Record<string, any>[] } };
          for (const row of json.data?.prefixes ?? []) {
            const hostile = HOSTILE[row.prefix as string];
            if (hostile && 'description' in row) {
              row.description = hostile.description;
              row.locations = [{ name: hostile.location }];
            }
          }
          body = JSON.stringify(json);
        }
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? '',
        });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return { sim, proxy, url: `http://127.0.0.1:${port}` };
}

describe('CSV of hostile Nautobot text', () => {
  let nautobot: Awaited<ReturnType<typeof startHostileNautobot>>;
  let t: TestApp;
  /** Read as a spreadsheet does: a bare LF or CR outside quotes also ends a row. */
  const spreadsheetRows = (csv: string) =>
    parse(csv, { relax_column_count: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];

  beforeAll(async () => {
    nautobot = await startHostileNautobot();
    t = await startAppOn({ ...nautobot.sim, url: nautobot.url });
  });
  afterAll(async () => {
    await t.close();
    nautobot.proxy.closeAllConnections();
    await new Promise((resolve) => nautobot.proxy.close(resolve));
    await nautobot.sim.close();
  });

  const expectNeutralised = (csv: string, expectedRows: number) => {
    const [header, ...rows] = spreadsheetRows(csv);
    // As many rows as prefixes, each of the full width: none was forged.
    expect(rows).toHaveLength(expectedRows);
    const column = (name: string) => header.indexOf(name);
    const byPrefix = new Map(rows.map((r) => [r[column('prefix')], r]));
    expect(byPrefix.get('10.11.0.0/24')![column('description')]).toBe(
      "Office LAN\n=cmd|' /C calc'!A0",
    );
    expect(byPrefix.get('10.11.0.0/24')![column('locations')]).toBe('AMS01\nfake-row-id');
    expect(byPrefix.get('10.11.1.0/24')![column('description')]).toBe("'=cmd|' /C calc'!A0");
    expect(byPrefix.get('10.11.1.0/24')![column('locations')]).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(byPrefix.get('10.11.2.0/24')![column('description')]).toBe('CR\rinside');
    expect(byPrefix.get('10.11.2.0/24')![column('locations')]).toBe("'+1\r\n-2");
  };

  it('quotes and neutralises them in /exports/prefixes.csv', async () => {
    const response = await fetch(`${t.url}/exports/prefixes.csv?location=AMS01`);
    expect(response.status).toBe(200);
    expectNeutralised(await response.text(), DEMO_FIXTURES.counts.AMS01.prefixes);
  });

  it('quotes and neutralises them in the inline export_prefixes_to_csv answer', async () => {
    const { status, body } = await postJson(`${t.url}/tools/export_prefixes_to_csv`, {
      location: 'AMS01',
    });
    expect(status).toBe(200);
    expect(body.inline).toBe(true);
    expectNeutralised(body.csv, DEMO_FIXTURES.counts.AMS01.prefixes);
  });
});

describe('streaming a large export', () => {
  const PREFIXES = 5000;
  let sim: SimServer;
  let t: TestApp;

  beforeAll(async () => {
    sim = await startSimulatorServer({ dataset: { prefixes: PREFIXES } });
    t = await startAppOn(sim);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  it('sends the first rows before the last page is fetched', async () => {
    const before = sim.simulator.stats.graphqlRequests;
    // Page 1 is answered; page 2 (already requested ahead) is held until released.
    sim.simulator.setFaults({ hang: true, after: 1 });
    const response = await fetch(`${t.url}/exports/prefixes.csv`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/\r\n/g) ?? []).length < 1001) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      text += decoder.decode(value, { stream: true });
    }
    // Header and the whole first page are here while page 2 (requested ahead, maybe not
    // yet arrived) is held: the last of the 6 pages cannot have been fetched.
    expect((text.match(/\r\n/g) ?? []).length).toBe(1001);
    expect(sim.simulator.stats.graphqlRequests - before).toBeLessThanOrEqual(2);
    sim.simulator.clearFaults();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
    const rows = rowsOf(text);
    expect(rows).toHaveLength(PREFIXES + 1);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(PREFIXES);
    // 5 full pages and the empty page that proves the end.
    expect(sim.simulator.stats.graphqlRequests - before).toBe(PREFIXES / 1000 + 1);
  });

  it('cuts the response off detectably and logs when Nautobot fails mid-way', async () => {
    sim.simulator.setFaults({ status: 500, after: 2, times: 1 });
    const response = await fetch(`${t.url}/exports/prefixes.csv`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(t.logs.text()).toContain('prefix export failed after 2000 rows');
    // The server is fine afterwards.
    const again = await fetch(`${t.url}/exports/prefixes.csv?location=AMS01`);
    expect(again.status).toBe(200);
    expect(rowsOf(await again.text()).length).toBeGreaterThan(1);
  });

  it('fails before the first byte when the first page fails', async () => {
    sim.simulator.setFaults({ status: 502, times: 1 });
    const response = await fetch(`${t.url}/exports/prefixes.csv`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as any).type).toBe('nautobot-error');
  });
});

describe('GET /exports/prefixes.csv behind authentication', () => {
  const ALLOWED = 'export-allowed-key-0123456789abcdef';
  const DCIM_ONLY = 'dcim-only-key-0123456789abcdef0123';
  let t: TestApp;

  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nms-export-auth-')), 'auth.yaml');
    writeFileSync(
      path,
      [
        'apiKeys:',
        '  - name: ipam-bot',
        `    key: ${ALLOWED}`,
        '    tools: [ipam]',
        '  - name: dcim-bot',
        `    key: ${DCIM_ONLY}`,
        '    tools: [dcim]',
        '',
      ].join('\n'),
    );
    t = await startTestApp({ AUTH_MODE: 'api_key', AUTH_FILE: path, LOG_LEVEL: 'fatal' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('needs credentials and the permission to call export_prefixes_to_csv', async () => {
    const anonymous = await fetch(`${t.url}/exports/prefixes.csv?location=AMS01`);
    expect(anonymous.status).toBe(401);
    const forbidden = await fetch(`${t.url}/exports/prefixes.csv?location=AMS01`, {
      headers: { 'x-api-key': DCIM_ONLY },
    });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as any).type).toBe('tool-forbidden');
    const allowed = await fetch(`${t.url}/exports/prefixes.csv?location=AMS01`, {
      headers: { 'x-api-key': ALLOWED },
    });
    expect(allowed.status).toBe(200);
    expect(rowsOf(await allowed.text())).toHaveLength(DEMO_FIXTURES.counts.AMS01.prefixes + 1);
  });
});

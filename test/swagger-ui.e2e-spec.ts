import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A host name that is not localhost, resolved by Chromium itself to 127.0.0.1. */
const HOST_NAME = 'nautobot-mcp.test';

describe('Swagger UI in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // Allowed explicitly: unauthenticated, the server refuses unknown Host names.
    t = await startTestApp({ MCP_ALLOWED_HOSTS: HOST_NAME });
    browser = await launchChromium([`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every tool and runs one with its example arguments, at a host name over plain HTTP', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const url = new URL(t.url);
    url.hostname = HOST_NAME;
    await page.goto(`${url.origin}/docs`);
    await page.waitForSelector('.opblock', { timeout: 15_000 });
    const paths = await page.$$eval('.opblock-summary-path', (nodes) =>
      nodes.map((n) => n.getAttribute('data-path')),
    );
    for (const tool of [
      'prefixes_by_location',
      'devices_by_location',
      'devices_by_location_and_role',
    ]) {
      expect(paths).toContain(`/tools/${tool}`);
    }

    await page.click('#operations-ipam-tool_prefixes_by_location .opblock-summary');
    await page.click('#operations-ipam-tool_prefixes_by_location .try-out__btn');
    await page.click('#operations-ipam-tool_prefixes_by_location .execute');
    const status = page.locator(
      '#operations-ipam-tool_prefixes_by_location .live-responses-table .response .response-col_status',
    );
    await status.first().waitFor({ timeout: 15_000 });
    expect((await status.first().innerText()).trim()).toBe('200');
    const body = await page
      .locator('#operations-ipam-tool_prefixes_by_location .live-responses-table .microlight')
      .first()
      .innerText();
    expect(body).toContain('"prefix"');
    await page.screenshot({ path: 'coverage/swagger-ui.png', fullPage: false });
    expect(failed).toEqual([]);
  });
});

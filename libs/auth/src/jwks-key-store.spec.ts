import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwksRsa from 'jwks-rsa';
import { JWKS_REFRESH_AFTER_MS, JwksKeyStore } from './jwks-key-store.js';

/** A real JWKS endpoint on loopback whose keys and health the test controls. */
class JwksServer {
  keys: Record<string, unknown>[] = [];
  failing = false;
  requests = 0;
  url = '';
  private server?: Server;

  add(kid: string): string {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keys.push({ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });
    return publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  async start(): Promise<void> {
    this.server = createServer((_request, response) => {
      this.requests += 1;
      response.statusCode = this.failing ? 500 : 200;
      response.setHeader('content-type', 'application/json');
      response.end(this.failing ? '{}' : JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/jwks`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

describe('JwksKeyStore', () => {
  const issuer = new JwksServer();
  let clock = 1_000_000;
  let store: JwksKeyStore;
  let first: string;

  beforeAll(async () => {
    first = issuer.add('k1');
    await issuer.start();
    const client = jwksRsa({ jwksUri: issuer.url, cache: false, rateLimit: false });
    store = new JwksKeyStore(client, () => clock);
  });
  afterAll(() => issuer.stop());

  it('shares one fetch among many unknown kids and never makes a known kid wait', async () => {
    expect(await store.keyFor('k1')).toBe(first);
    const before = issuer.requests;
    clock += 10_000; // past the pacing interval
    const unknown = Array.from({ length: 50 }, (_, i) =>
      store.keyFor(`made-up-${i}`).then(
        () => 'found',
        (error: Error & { reason?: string }) => error.reason,
      ),
    );
    const started = Date.now();
    expect(await store.keyFor('k1')).toBe(first);
    expect(Date.now() - started).toBeLessThan(50);
    expect(await Promise.all(unknown)).toEqual(Array(50).fill('unknown-key'));
    expect(issuer.requests - before).toBe(1);
  });

  it('refreshes known keys in the background before a rotation needs them', async () => {
    const second = issuer.add('k2');
    clock += JWKS_REFRESH_AFTER_MS;
    const before = issuer.requests;
    expect(await store.keyFor('k1')).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(issuer.requests - before).toBe(1);
    // Found at once: the refresh already brought it, no paced fetch for an unknown kid.
    const started = Date.now();
    expect(await store.keyFor('k2')).toBe(second);
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('keeps the last good key set while the issuer fails', async () => {
    issuer.failing = true;
    clock += 10 * JWKS_REFRESH_AFTER_MS;
    expect(await store.keyFor('k1')).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clock += 10 * JWKS_REFRESH_AFTER_MS;
    expect(await store.keyFor('k1')).toBe(first);
    await expect(store.keyFor('k3')).rejects.toMatchObject({ reason: 'issuer-unreachable' });
    issuer.failing = false;
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import {
  MAX_JSON_DEPTH,
  bodyNestsTooDeep,
  jsonBodyMiddleware,
  nestsDeeperThan,
} from './body-parsing.js';

/** `levels` nested arrays around 1, as text. */
const nested = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays only, the top level being 1', () => {
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan('a string', 0)).toBe(false);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: null }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: {} }] }, 3)).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(JSON.parse(nested(100_000)))).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
  });
});

describe('jsonBodyMiddleware', () => {
  let url: string;
  let server: ReturnType<express.Express['listen']>;

  beforeAll(async () => {
    const app = express();
    app.use(...jsonBodyMiddleware(1024));
    app.post('/echo', (request, response) => {
      response.json({ got: request.body as unknown });
    });
    app.post('/depth', (request, response) => {
      response.json({ tooDeep: bodyNestsTooDeep(request) });
    });
    app.use(
      (_error: Error, _request: express.Request, response: express.Response, _next: unknown) => {
        response.status(500).json({ passedOn: true });
      },
    );
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = async (body: string, contentType = 'application/json', path = '/echo') => {
    const response = await fetch(url.replace('/echo', path), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('passes valid JSON on', async () => {
    expect(await post('{"a":[1,2]}')).toEqual({ status: 200, body: { got: { a: [1, 2] } } });
  });

  it('answers each bad body with its problem', async () => {
    expect((await post('{"a":', 'application/json')).body.type).toBe('malformed-json');
    expect((await post('a=1', 'text/plain')).body).toMatchObject({
      type: 'unsupported-media-type',
      detail: 'Send the body as application/json (got text/plain).',
    });
    expect((await post(`{"a":"${'x'.repeat(2000)}"}`)).body).toMatchObject({
      status: 413,
      type: 'payload-too-large',
    });
    // body-parser's own 4xx (an unsupported charset) becomes invalid-request.
    expect((await post('{}', 'application/json; charset=klingon')).body).toMatchObject({
      status: 400,
      type: 'invalid-request',
    });
  });

  it('marks nesting past MAX_JSON_DEPTH (a guard refuses it once the caller is known)', async () => {
    const depth = async (levels: number) =>
      (await post(nested(levels), 'application/json', '/depth')).body.tooDeep as boolean;
    expect(await depth(MAX_JSON_DEPTH)).toBe(false);
    expect(await depth(MAX_JSON_DEPTH + 1)).toBe(true);
    expect(await depth(400)).toBe(true);
  });
});

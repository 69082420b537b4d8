import { setTimeout as sleep } from 'node:timers/promises';
import type { Dataset } from './data/dataset.js';
import { demoDataset } from './data/demo.js';
import { ScaleStore } from './data/scale.js';
import { hasFault, hasWireFault, parseFaults, type FaultSettings } from './faults.js';
import { GraphQLEngine, type GraphQLDialect } from './graphql/engine.js';
import { errorPage, jsonResponse, type SimRequest, type SimResponse } from './http.js';
import { pyJsonDumps } from './util/py.js';
import { ConnectionReset, bodyChunks, contentLength, rawHead } from './wire.js';

/** The API token the simulator accepts unless configured otherwise. */
export const DEMO_TOKEN = '0123456789abcdef0123456789abcdef01234567';

/** The Nautobot version emulated unless configured otherwise (the 2.4 LTM the recordings come from). */
export const DEFAULT_NAUTOBOT_VERSION = '2.4.44';

/** The GraphQL library whose messages and coercion a Nautobot line has. */
export type { GraphQLDialect } from './graphql/engine.js';

/** Options of {@link NautobotSimulator}. */
export interface SimulatorOptions {
  /**
   * 'demo' (default: a realistic small network) or `{ prefixes: N }` = total prefixes to
   * generate (scale data, up to 1_000_000), optionally with `devicesPerSite` racked
   * devices at each generated site (up to 5000).
   */
  dataset?: 'demo' | { prefixes: number; devicesPerSite?: number };
  /** API token accepted (40 lowercase hex). Default DEMO_TOKEN. */
  token?: string;
  /**
   * Nautobot version to emulate (2.x or 3.x, default {@link DEFAULT_NAUTOBOT_VERSION}): the
   * API-Version header, /api/status/, the default statuses and roles of that release line and
   * its GraphQL error dialect (graphql-core 2 on 2.x, graphql-core 3 on 3.x).
   */
  version?: string;
  /** Base latency (ms) added to every `/api/` answer, independent of injected faults (default 0). */
  latencyMs?: number;
}

const GRAPHQL_PATH = '/api/graphql/';
const STATUS_PATH = '/api/status/';
const API_ROOT = '/api/';

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('This operation was aborted', 'AbortError');
}

function detail(status: number, text: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { detail: text }, headers);
}

/**
 * A Nautobot 2.x or 3.x stand-in: GraphQL (`POST /api/graphql/`), `/api/status/`, token auth with Nautobot's
 * error bodies, fault injection and a `/__sim/*` control surface — transport independent.
 */
export class NautobotSimulator {
  /** The accepted API token. */
  readonly token: string;
  /** Emulated Nautobot version. */
  readonly version: string;
  /** The GraphQL dialect of that version: graphql-core 2 (Nautobot 2.x) or 3 (Nautobot 3.x). */
  readonly dialect: GraphQLDialect;
  /** Request counters (tests use them). */
  readonly stats: { graphqlRequests: number } = { graphqlRequests: 0 };
  /** A fetch-compatible function that answers from this simulator without a socket (for in-process demo mode). */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

  private readonly engine: GraphQLEngine;
  private readonly apiVersion: string;
  private readonly baseLatencyMs: number;
  private faults: FaultSettings = {};
  private downUntil = 0;
  private readonly downListeners = new Set<(ms: number) => void>();
  private waiters = new Set<() => void>();

  constructor(options: SimulatorOptions = {}) {
    const token = options.token ?? DEMO_TOKEN;
    if (!/^[0-9a-f]{40}$/.test(token)) {
      throw new TypeError('token must be 40 lowercase hexadecimal characters');
    }
    this.token = token;
    this.version = options.version ?? DEFAULT_NAUTOBOT_VERSION;
    const match = /^([23])\.(\d+)(?:\.\d+)?$/.exec(this.version);
    if (!match) {
      throw new RangeError(
        `Nautobot version must be 2.x or 3.x, e.g. 2.4.44 or 3.2.7 (got ${this.version})`,
      );
    }
    const [, major, minor] = match;
    this.apiVersion = `${major}.${minor}`;
    const line = major === '3' ? '3' : '2';
    this.dialect = line === '3' ? 'graphql-core-3' : 'graphql-core-2';
    this.baseLatencyMs = options.latencyMs ?? 0;
    const dataset = options.dataset ?? 'demo';
    const db: Dataset =
      dataset === 'demo'
        ? demoDataset(line)
        : new ScaleStore(dataset.prefixes, dataset.devicesPerSite ?? 0, line);
    this.engine = new GraphQLEngine(db, this.dialect);
    this.fetch = (input, init) => this.fetchImpl(input, init);
  }

  /**
   * Replaces the injected faults (releases requests held by a previous `hang` or
   * `stallAfterHeaders`). `downMs` starts a down time at once and is not kept.
   */
  setFaults(faults: FaultSettings): void {
    const { downMs, ...kept } = parseFaults(faults);
    this.faults = kept;
    this.release();
    if (downMs !== undefined) {
      this.goDown(downMs);
    }
  }

  /** Removes every injected fault (releases held requests, which are then answered normally; ends a down time). */
  clearFaults(): void {
    this.faults = {};
    this.release();
    if (this.downUntil > 0) {
      this.goDown(0);
    }
  }

  /** Milliseconds left of the current down time (`downMs`), 0 when up. */
  downForMs(): number {
    return Math.max(0, this.downUntil - Date.now());
  }

  /**
   * Calls `listener` with the length of each down time that starts (0: it ended early)
   * — how the HTTP server learns to close and reopen its listener. Returns an unsubscribe.
   */
  onDown(listener: (ms: number) => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  private goDown(ms: number): void {
    this.downUntil = ms > 0 ? Date.now() + ms : 0;
    for (const listener of this.downListeners) {
      listener(ms);
    }
  }

  /** The whole HTTP surface. `signal` (optional) abandons a delayed or hanging answer. */
  async handle(req: SimRequest, signal?: AbortSignal): Promise<SimResponse> {
    const url = new URL(req.path || '/', 'http://sim.invalid');
    const path = url.pathname;
    if (path.startsWith('/__sim/')) {
      return this.control(req, path);
    }
    if (path === GRAPHQL_PATH) {
      this.stats.graphqlRequests++;
      return this.withFaults(true, signal, () => this.graphql(req, url));
    }
    if (path === STATUS_PATH) {
      return this.withFaults(false, signal, () => this.status(req));
    }
    if (path === API_ROOT) {
      await this.baseLatency(signal);
      return this.apiRoot(req);
    }
    return detail(404, 'Not found.');
  }

  private release(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) {
      w();
    }
  }

  private waitForRelease(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const onAbort = () => {
        this.waiters.delete(done);
        reject(abortError(signal as AbortSignal));
      };
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async baseLatency(signal?: AbortSignal): Promise<void> {
    if (this.baseLatencyMs > 0) {
      await sleep(this.baseLatencyMs, undefined, { signal });
    }
  }

  private async withFaults(
    graphql: boolean,
    signal: AbortSignal | undefined,
    next: () => SimResponse,
  ): Promise<SimResponse> {
    await this.baseLatency(signal);
    const f = this.faults;
    if (!hasFault(f)) {
      return next();
    }
    if (f.after) {
      if (graphql) {
        this.faults = { ...f, after: f.after - 1 };
      }
      return next();
    }
    if (graphql && f.times !== undefined) {
      // Expiry does not release requests already held by this fault.
      this.faults = f.times > 1 ? { ...f, times: f.times - 1 } : {};
    }
    if (f.latencyMs) {
      await sleep(f.latencyMs, undefined, { signal });
    }
    if (f.hang) {
      await this.waitForRelease(signal);
      return next();
    }
    const res = this.faultyAnswer(f, graphql, next);
    if (f.contentType !== undefined) {
      res.headers = { ...res.headers, 'content-type': f.contentType };
    }
    if (hasWireFault(f)) {
      res.delivery = {
        trickleHeadersMs: f.trickleHeadersMs,
        stallAfterHeaders: f.stallAfterHeaders
          ? (stallSignal) => this.waitForRelease(stallSignal)
          : undefined,
        trickleBodyMs: f.trickleBodyMs,
        endlessBody: f.endlessBody,
        resetMidBody: f.resetMidBody,
        padBytes: f.padBytes,
        resetConnection: f.resetConnection,
      };
    }
    return res;
  }

  /** What a faulty answer says (wire faults then decide how it travels). */
  private faultyAnswer(f: FaultSettings, graphql: boolean, next: () => SimResponse): SimResponse {
    if (f.body !== undefined) {
      return {
        status: f.status ?? 200,
        headers: { ...this.apiHeaders(), 'content-type': 'application/json' },
        body: f.body,
      };
    }
    if (f.status !== undefined) {
      return graphql && f.graphqlErrors?.length
        ? jsonResponse(
            f.status,
            { errors: f.graphqlErrors.map((message) => ({ message })) },
            this.apiHeaders(),
          )
        : errorPage(f.status);
    }
    if (f.malformedJson) {
      const res = next();
      const cut = res.body.slice(0, Math.max(1, Math.floor(res.body.length / 2)));
      return {
        status: 200,
        headers: { ...res.headers, 'content-type': 'application/json' },
        body: cut,
      };
    }
    if (graphql && f.graphqlErrors?.length) {
      return jsonResponse(
        200,
        { errors: f.graphqlErrors.map((message) => ({ message })), data: null },
        this.apiHeaders(),
      );
    }
    return next();
  }

  private apiHeaders(apiVersion = this.apiVersion): Record<string, string> {
    return { 'api-version': apiVersion, vary: 'Accept' };
  }

  /** The REST API versions this Nautobot serves: 2.0 … 2.4 on 3.x, up to its own minor. */
  private supportedApiVersions(): string[] {
    const [major, minor] = this.apiVersion.split('.').map(Number);
    const out: string[] = [];
    for (let m = 2; m <= major; m++) {
      const last = m === major ? minor : 4;
      for (let n = 0; n <= last; n++) {
        out.push(`${m}.${n}`);
      }
    }
    return out;
  }

  /** DRF TokenAuthentication (after SessionAuthentication, hence 403 rather than 401). */
  private authenticate(req: SimRequest, headers: Record<string, string>): SimResponse | undefined {
    const parts = (req.headers.authorization ?? '').trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0 || parts[0].toLowerCase() !== 'token') {
      return detail(403, 'Authentication credentials were not provided.', headers);
    }
    if (parts.length === 1) {
      return detail(403, 'Invalid token header. No credentials provided.', headers);
    }
    if (parts.length > 2) {
      return detail(403, 'Invalid token header. Token string should not contain spaces.', headers);
    }
    return parts[1] === this.token ? undefined : detail(403, 'Invalid token', headers);
  }

  /**
   * Nautobot's `Accept: application/json; version=X.Y` negotiation, which runs before
   * authentication: the API-Version headers of the answer, or a 406 for a version it lacks.
   */
  private negotiate(
    req: SimRequest,
    allow: string,
  ): { headers: Record<string, string> } | { denied: SimResponse } {
    const match = /(?:^|;)\s*version\s*=\s*([^;,\s]+)/i.exec(req.headers.accept ?? '');
    const supported = this.supportedApiVersions();
    if (!match) {
      return { headers: { ...this.apiHeaders(), allow } };
    }
    if (supported.includes(match[1])) {
      return { headers: { ...this.apiHeaders(match[1]), allow } };
    }
    return {
      denied: detail(
        406,
        `Invalid version "${match[1]}" in "Accept" header. Supported versions are: ${supported.join(', ')}`,
        { vary: 'Accept', allow },
      ),
    };
  }

  /** Negotiation, then authentication: the headers of a granted request, or the refusal. */
  private admit(
    req: SimRequest,
    allow: string,
  ): { headers: Record<string, string> } | { denied: SimResponse } {
    const negotiated = this.negotiate(req, allow);
    if ('denied' in negotiated) {
      return negotiated;
    }
    const denied = this.authenticate(req, negotiated.headers);
    return denied ? { denied } : negotiated;
  }

  private graphql(req: SimRequest, url: URL): SimResponse {
    const admitted = this.admit(req, 'POST, OPTIONS');
    if ('denied' in admitted) {
      return admitted.denied;
    }
    const { headers } = admitted;
    const method = req.method.toUpperCase();
    if (method === 'OPTIONS') {
      return jsonResponse(
        200,
        {
          name: 'GraphQL API',
          description: 'Query the database using a GraphQL query',
          renders: ['application/json'],
          parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
        },
        headers,
      );
    }
    if (method !== 'POST') {
      return detail(405, `Method "${method}" not allowed.`, headers);
    }
    const fail = (message: string) => jsonResponse(400, { errors: [{ message }] }, headers);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    let data: Record<string, unknown> = {};
    if (contentType === 'application/graphql') {
      data = { query: req.body };
    } else if (contentType === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.body);
      } catch {
        return fail('Request body contained Invalid JSON.');
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return this.notADict(parsed, req.body);
      }
      data = parsed as Record<string, unknown>;
    } else if (contentType === 'application/x-www-form-urlencoded') {
      data = Object.fromEntries(new URLSearchParams(req.body));
    }
    const params = url.searchParams;
    const query = params.get('query') || data.query;
    let variables = params.get('variables') || data.variables;
    let operationName = params.get('operationName') || data.operationName;
    if (!query || typeof query !== 'string') {
      return fail('Must provide query string.');
    }
    if (variables && typeof variables === 'string') {
      try {
        variables = JSON.parse(variables) as unknown;
      } catch {
        return fail('Variables are invalid JSON.');
      }
    }
    if (operationName === 'null' || typeof operationName !== 'string') {
      operationName = undefined;
    }
    const vars =
      variables && typeof variables === 'object' && !Array.isArray(variables)
        ? (variables as Record<string, unknown>)
        : {};
    const baseUrl = `http://${req.headers.host ?? 'localhost'}`;
    const outcome = this.engine.run(query, vars, operationName as string | undefined, baseUrl);
    return jsonResponse(outcome.status, outcome.body, headers);
  }

  /**
   * Nautobot's GraphQL view calls `.get()` on the parsed body: a JSON list, string, number,
   * boolean or null is an AttributeError, which its exception handler renders as a 500.
   */
  private notADict(parsed: unknown, text: string): SimResponse {
    const type = Array.isArray(parsed)
      ? 'list'
      : parsed === null
        ? 'NoneType'
        : typeof parsed === 'string'
          ? 'str'
          : typeof parsed === 'boolean'
            ? 'bool'
            : /[.eE]/.test(text)
              ? 'float'
              : 'int';
    return {
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: pyJsonDumps({
        error: `'${type}' object has no attribute 'get'`,
        exception: 'AttributeError',
        nautobot_version: this.version,
        python_version: '3.11.7',
      }),
    };
  }

  private status(req: SimRequest): SimResponse {
    const admitted = this.admit(req, 'GET, HEAD, OPTIONS');
    if ('denied' in admitted) {
      return admitted.denied;
    }
    const { headers } = admitted;
    const method = req.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return detail(405, `Method "${method}" not allowed.`, headers);
    }
    const [, minor] = this.apiVersion.split('.').map(Number);
    const body: Record<string, unknown> = {
      'django-version': '4.2.22',
      'installed-apps': {
        constance: '4.1.3',
        corsheaders: '4.7.0',
        'django.contrib.admin': null,
        'django.contrib.auth': null,
        'django.contrib.contenttypes': null,
        'django.contrib.sessions': null,
        django_celery_beat: '2.7.0',
        django_filters: '25.1',
        django_tables2: '2.7.5',
        graphene_django: null,
        'nautobot.circuits': null,
        'nautobot.cloud': null,
        'nautobot.core': null,
        'nautobot.dcim': null,
        'nautobot.extras': null,
        'nautobot.ipam': null,
        'nautobot.tenancy': null,
        'nautobot.users': null,
        'nautobot.virtualization': null,
        rest_framework: '3.16.0',
        social_django: '5.4.3',
        taggit: '6.1.0',
      },
      'nautobot-version': this.version,
      ...(minor >= 2 || this.apiVersion.split('.')[0] !== '2' ? { 'nautobot-apps': {} } : {}),
      plugins: {},
      'python-version': '3.11.12',
      'celery-workers-running': 1,
    };
    return jsonResponse(200, body, headers);
  }

  private apiRoot(req: SimRequest): SimResponse {
    const admitted = this.admit(req, 'GET, HEAD, OPTIONS');
    if ('denied' in admitted) {
      return admitted.denied;
    }
    const base = `http://${req.headers.host ?? 'localhost'}/api`;
    const sections = [
      'circuits',
      'cloud',
      'dcim',
      'extras',
      'graphql',
      'ipam',
      'plugins',
      'status',
      'tenancy',
      'users',
      'virtualization',
    ];
    return jsonResponse(
      200,
      Object.fromEntries(sections.map((s) => [s, `${base}/${s}/`])),
      admitted.headers,
    );
  }

  private control(req: SimRequest, path: string): SimResponse {
    const method = req.method.toUpperCase();
    if (path === '/__sim/stats' && method === 'GET') {
      return jsonResponse(200, { ...this.stats });
    }
    if (path === '/__sim/faults') {
      if (method === 'GET') {
        return jsonResponse(200, { faults: this.faults });
      }
      if (method === 'DELETE') {
        this.clearFaults();
        return jsonResponse(200, { faults: this.faults });
      }
      if (method === 'POST' || method === 'PUT') {
        try {
          this.setFaults(parseFaults(JSON.parse(req.body || '{}')));
        } catch (e) {
          return jsonResponse(400, { error: e instanceof Error ? e.message : String(e) });
        }
        return jsonResponse(200, { faults: this.faults });
      }
      return jsonResponse(405, { error: `method ${method} not allowed` });
    }
    return jsonResponse(404, { error: 'unknown control endpoint' });
  }

  private async fetchImpl(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(
      request ? request.url : input instanceof URL ? input.href : (input as string),
      'http://localhost',
    );
    const headers = new Headers(request?.headers);
    new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
    if (!headers.has('host')) {
      headers.set('host', url.host);
    }
    const signal = init?.signal ?? request?.signal ?? undefined;
    if (signal?.aborted) {
      throw abortError(signal);
    }
    if (this.downForMs() > 0) {
      throw fetchFailed('ECONNREFUSED', `connect ECONNREFUSED ${url.host}`);
    }
    const body =
      init?.body !== undefined && init.body !== null
        ? await new Response(init.body).text()
        : request
          ? await request.text()
          : '';
    const record: Record<string, string> = {};
    headers.forEach((value, key) => {
      record[key] = value;
    });
    const res = await this.handle(
      {
        method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
        path: `${url.pathname}${url.search}`,
        headers: record,
        body,
      },
      signal,
    );
    const nullBody = [101, 204, 205, 304].includes(res.status);
    if (!res.delivery || nullBody) {
      return new Response(nullBody ? null : res.body, { status: res.status, headers: res.headers });
    }
    // Wire faults, as closely as a Response can show them.
    const delivery = res.delivery;
    if (delivery.resetConnection) {
      throw fetchFailed('ECONNRESET', 'read ECONNRESET');
    }
    if (delivery.trickleHeadersMs) {
      const head = rawHead(`HTTP/1.1 ${res.status}`, res.headers);
      await sleep(head.length * delivery.trickleHeadersMs, undefined, { signal });
    }
    const chunks = bodyChunks(res, signal);
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await chunks.next();
          if (done) {
            controller.close();
          } else {
            controller.enqueue(new Uint8Array(value));
          }
        } catch (error) {
          controller.error(
            error instanceof ConnectionReset
              ? new TypeError('terminated', { cause: codeError('ECONNRESET', 'read ECONNRESET') })
              : error,
          );
        }
      },
      async cancel() {
        await chunks.return();
      },
    });
    const length = contentLength(res);
    return new Response(stream, {
      status: res.status,
      headers:
        length === undefined ? res.headers : { ...res.headers, 'content-length': String(length) },
    });
  }
}

function codeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** How undici's fetch fails when the connection does: a TypeError caused by the socket error. */
function fetchFailed(code: string, message: string): TypeError {
  return new TypeError('fetch failed', { cause: codeError(code, message) });
}

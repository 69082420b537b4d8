import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A load generator that behaves like a client of a Kubernetes Service during a rolling
 * update, for the drain test:
 *
 * - an endpoints controller probes each pod's `/readyz` every `probeEveryMs` and keeps the
 *   ready ones in the endpoint list (what the kubelet and the endpoints controller do,
 *   much faster than Kubernetes so the test is short);
 * - each worker keeps one keep-alive connection; a *new* connection goes to the next
 *   endpoint of the list (what kube-proxy does per connection), an open one keeps going to
 *   its pod until the server closes it (`Connection: close`, or the socket ends);
 * - `staleWorkers` of them never update their list and open a new connection per
 *   request: they keep connecting to a pod that is going away until it refuses them;
 * - a request is retried, on another pod, only when nothing was answered and either the
 *   connection was refused (`ECONNREFUSED`) or a *reused* keep-alive connection was reset
 *   (the race every HTTP client handles; Node's docs show it under `request.reusedSocket`).
 *   Anything else — a reset on a fresh connection, a non-2xx, an invalid body, a timeout —
 *   is a failed request.
 */

/** A pod: a name and the loopback port it listens on. */
export interface Pod {
  name: string;
  port: number;
}

/** One call the workers make; `check` says what is wrong with a 200 body, if anything. */
export interface Call {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  check(body: unknown): string | undefined;
}

/** What became of one logical request (after its retries). */
export interface Outcome {
  call: string;
  /** The pod that answered (or the last one tried). */
  pod: string;
  status?: number;
  /** `Connection: close` on the answer. */
  connectionClose: boolean;
  startedAt: number;
  endedAt: number;
  retries: string[];
  /** Why it failed; undefined when it got a valid 2xx. */
  failure?: string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

class Retriable extends Error {}

const REQUEST_TIMEOUT_MS = 20_000;
const MAX_ATTEMPTS = 5;

/** One attempt on `agent`; rejects with Retriable only for the two retriable cases. */
function attempt(agent: Agent, port: number, call: Call, onSocket: (s: Socket) => void) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    const req = request({
      host: '127.0.0.1',
      port,
      agent,
      method: call.method,
      path: call.path,
      headers: {
        ...(payload ? { 'content-type': 'application/json' } : {}),
        ...call.headers,
      },
      timeout: REQUEST_TIMEOUT_MS,
    });
    let answered = false;
    req.on('socket', onSocket);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', (error) => reject(new Error(`answer cut short: ${error.message}`)));
      res.on('aborted', () => reject(new Error('answer aborted')));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) {
        reject(new Error(`after the answer began: ${error.message}`));
      } else if (error.code === 'ECONNREFUSED') {
        reject(new Retriable('refused'));
      } else if (
        req.reusedSocket &&
        (error.code === 'ECONNRESET' || error.message === 'socket hang up')
      ) {
        reject(new Retriable('reused connection reset'));
      } else {
        reject(
          new Error(
            `${error.code ?? error.message} on a ${req.reusedSocket ? 'reused' : 'fresh'} connection`,
          ),
        );
      }
    });
    req.end(payload);
  });
}

/** The load generator; see the module comment. */
export class FailoverLoad {
  readonly outcomes: Outcome[] = [];
  private readonly ready = new Set<string>();
  private next = 0;
  private running = true;
  private readonly done: Promise<void>[] = [];
  private readonly agents: Agent[] = [];
  private probing?: NodeJS.Timeout;

  constructor(
    private readonly pods: Pod[],
    private readonly calls: Call[],
    private readonly options: {
      workers: number;
      /** Of the workers, how many never update their endpoint list (stale DNS, say). */
      staleWorkers?: number;
      probeEveryMs: number;
    },
  ) {
    for (const pod of pods) {
      this.ready.add(pod.name);
    }
  }

  /** Starts probing and the workers. */
  start(): void {
    this.probing = setInterval(() => void this.probe(), this.options.probeEveryMs);
    for (let i = 0; i < this.options.workers; i++) {
      this.done.push(this.worker(i));
    }
  }

  /** Stops the workers after their current request and waits for them. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.probing);
    await Promise.all(this.done);
    for (const agent of this.agents) {
      agent.destroy();
    }
  }

  /** The pods the endpoint list holds now. */
  endpoints(): string[] {
    return this.pods.filter((p) => this.ready.has(p.name)).map((p) => p.name);
  }

  private async probe(): Promise<void> {
    await Promise.all(
      this.pods.map(async (pod) => {
        const ok = await new Promise<boolean>((resolve) => {
          const req = request(
            { host: '127.0.0.1', port: pod.port, path: '/readyz', agent: false, timeout: 1000 },
            (res) => {
              res.resume();
              resolve(res.statusCode === 200);
            },
          );
          req.on('timeout', () => req.destroy());
          req.on('error', () => resolve(false));
          req.end();
        });
        if (ok) {
          this.ready.add(pod.name);
        } else {
          this.ready.delete(pod.name);
        }
      }),
    );
  }

  /** The endpoint for a new connection: the next ready pod, skipping `avoid` if possible. */
  private pick(stale: boolean, avoid?: string): Pod {
    const ready = this.pods.filter((p) => stale || this.ready.has(p.name));
    const candidates = ready.filter((p) => p.name !== avoid);
    const from = candidates.length > 0 ? candidates : ready.length > 0 ? ready : this.pods;
    return from[this.next++ % from.length];
  }

  private async worker(index: number): Promise<void> {
    const stale = index < (this.options.staleWorkers ?? 0);
    const agents = new Map<string, Agent>();
    for (const pod of this.pods) {
      // Stale workers are simple clients: a new connection per request.
      const agent = new Agent({ keepAlive: !stale, maxSockets: 1 });
      agents.set(pod.name, agent);
      this.agents.push(agent);
    }
    // The pod of this worker's open connection, while it is open.
    let connectedTo: string | undefined;
    let socket: Socket | undefined;
    let round = index;
    while (this.running) {
      const call = this.calls[round++ % this.calls.length];
      const startedAt = Date.now();
      const retries: string[] = [];
      let pod = connectedTo ? this.pods.find((p) => p.name === connectedTo)! : this.pick(stale);
      let outcome: Outcome | undefined;
      while (!outcome) {
        try {
          const answer = await attempt(agents.get(pod.name)!, pod.port, call, (s) => {
            if (s !== socket) {
              socket = s;
              connectedTo = pod.name;
              s.once('close', () => {
                if (socket === s) {
                  socket = undefined;
                  connectedTo = undefined;
                }
              });
            }
          });
          const connectionClose = /close/i.test(String(answer.headers.connection ?? ''));
          if (connectionClose || stale) {
            connectedTo = undefined;
          }
          let failure: string | undefined;
          if (answer.status < 200 || answer.status > 299) {
            failure = `status ${answer.status}: ${answer.body.slice(0, 200)}`;
          } else {
            try {
              failure = call.check(JSON.parse(answer.body));
            } catch {
              failure = `not JSON: ${answer.body.slice(0, 200)}`;
            }
          }
          outcome = {
            call: call.label,
            pod: pod.name,
            status: answer.status,
            connectionClose,
            startedAt,
            endedAt: Date.now(),
            retries,
            failure,
          };
        } catch (error) {
          connectedTo = undefined;
          const message = error instanceof Error ? error.message : String(error);
          if (error instanceof Retriable && retries.length + 1 < MAX_ATTEMPTS) {
            retries.push(`${pod.name}: ${message}`);
            pod = this.pick(stale, pod.name);
          } else {
            outcome = {
              call: call.label,
              pod: pod.name,
              connectionClose: false,
              startedAt,
              endedAt: Date.now(),
              retries,
              failure: message,
            };
          }
        }
      }
      this.outcomes.push(outcome);
    }
  }
}

import pino from 'pino';

/** A pino destination (sonic-boom): asynchronous writes to a file descriptor or a file. */
export type LogDestination = ReturnType<typeof pino.destination>;

/** sonic-boom's count of bytes accepted but not yet written (not in its types). */
interface Pending {
  _len?: number;
}

const destinations = new Set<LogDestination>();
const noop = () => undefined;

/**
 * Creates a non-blocking pino destination and remembers it, so shutdown can drain and
 * then seal every log and audit destination before the process exits.
 *
 * Why sealing: at exit pino flushes each destination synchronously, and sonic-boom's
 * `flushSync` retries a failing write forever (100 ms sleeps, no limit). When whoever
 * read our stdout is gone (EPIPE), or a disk is full, that loop pinned the process
 * after SIGTERM until someone killed it.
 */
export function logDestination(options: Parameters<typeof pino.destination>[0]): LogDestination {
  const destination = pino.destination(options);
  destinations.add(destination);
  destination.once('close', () => destinations.delete(destination));
  return destination;
}

/**
 * Waits until every destination has written what it holds, at most `budgetMs`: a
 * healthy pipe or file drains in microseconds; a broken one never does. The wait's
 * timer is not unref'd: at the end of a run nothing else may hold the event loop, and
 * an unref'd timer let the process end mid-wait (exit code 13, lines lost); the
 * budget alone bounds it.
 */
export async function drainLogDestinations(budgetMs: number): Promise<void> {
  const until = Date.now() + budgetMs;
  const pending = () => [...destinations].some((d) => ((d as Pending)._len ?? 0) > 0);
  while (pending() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Makes every destination drop further writes and flushes, so exiting can never block. */
export function sealLogDestinations(): void {
  for (const destination of destinations) {
    destination.write = () => true;
    destination.flushSync = noop;
    destination.end = noop;
  }
}

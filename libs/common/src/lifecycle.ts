import { Injectable } from '@nestjs/common';

/**
 * Process lifecycle shared by the probes and the HTTP server: once shutdown starts,
 * readiness fails at once so the load balancer stops sending traffic.
 */
@Injectable()
export class Lifecycle {
  private draining = false;

  get shuttingDown(): boolean {
    return this.draining;
  }

  beginShutdown(): void {
    this.draining = true;
  }
}

/**
 * Slack on top of SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS for closing the app and flushing
 * logs; past it the process exits whatever is still pending.
 */
export const SHUTDOWN_MARGIN_MS = 3000;

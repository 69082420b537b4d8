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

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/**
 * With METRICS_PORT set, a second, minimal HTTP server answers `GET /metrics` (and
 * nothing else) on that port, for Prometheus inside the cluster; no credentials, as
 * the port is not exposed by the ingress.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    @InjectSettings() private readonly settings: Settings,
    private readonly metrics: MetricsService,
  ) {}

  /** The bound port, once listening. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { metricsEnabled, metricsPort, host } = this.settings;
    if (!metricsEnabled || metricsPort === undefined) {
      return;
    }
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response
          .writeHead(404, { 'content-type': 'text/plain' })
          .end('Not found: use GET /metrics\n');
        return;
      }
      this.metrics.render().then(
        (text) => response.writeHead(200, { 'content-type': this.metrics.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(metricsPort, host, resolve);
    });
    this.logger.log(`Metrics on http://${host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise((resolve) => this.server?.close(resolve));
    }
  }
}

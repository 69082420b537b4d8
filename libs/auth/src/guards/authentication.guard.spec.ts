import { describe, expect, it } from '@jest/globals';
import type { Settings } from '@nautobot-mcp/config';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthConfig } from '../auth-config.js';
import { AuthFailures } from '../auth-failures.service.js';
import { ApiKeyStore } from '../api-key-store.js';
import { LoginThrottle } from '../login-throttle.service.js';
import { AuthenticationGuard } from './authentication.guard.js';

class SomeController {
  handle(): void {}
}

function contextOf(type: string): ExecutionContext {
  return {
    getType: () => type,
    getHandler: () => SomeController.prototype.handle,
    getClass: () => SomeController,
    switchToHttp: () => ({ getRequest: () => ({ headers: {} }) }),
  } as unknown as ExecutionContext;
}

describe('AuthenticationGuard', () => {
  const config: AuthConfig = {
    modes: new Set(['none']),
    apiKeys: new ApiKeyStore([]),
    users: new Map(),
  };
  const guard = new AuthenticationGuard(
    new Reflector(),
    config,
    new AuthFailures(config),
    {} as Settings,
    new LoginThrottle({ rateLimitPerMin: 0 } as Settings),
  );

  it('fails closed for a context that is not HTTP (no request to check)', async () => {
    for (const type of ['rpc', 'ws', 'graphql']) {
      await expect(guard.canActivate(contextOf(type))).rejects.toThrow(/HTTP/);
    }
  });

  it('lets an HTTP request without credentials through as anonymous when none is enabled', async () => {
    await expect(guard.canActivate(contextOf('http'))).resolves.toBe(true);
  });
});

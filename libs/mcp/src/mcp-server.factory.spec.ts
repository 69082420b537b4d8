import { beforeAll, describe, expect, it } from '@jest/globals';
import { ProtocolError } from '@modelcontextprotocol/server';
import { ANONYMOUS, toolMatcher, type Principal } from '@nautobot-mcp/common';
import { InvocationScope, type NautobotClient } from '@nautobot-mcp/nautobot';
import { ToolRegistry } from '@nautobot-mcp/tools';
import { Logger } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { McpServerFactory } from './mcp-server.factory.js';

/** A stub that fails loudly when anything not stubbed is used. */
function strictStub<T extends object>(parts: Partial<T>, label: string): T {
  return new Proxy(parts, {
    get(target, key) {
      if (key in target) {
        return target[key as keyof typeof target];
      }
      throw new Error(`${label}.${String(key)} was called but not stubbed`);
    },
  }) as T;
}

class EchoInput {
  @ApiProperty({ example: 'x' })
  @IsString()
  text!: string;
}
class EchoOutput {
  @ApiProperty()
  text!: string;
}

function factory(): McpServerFactory {
  const discovery = strictStub<DiscoveryService>({ getProviders: () => [] }, 'discovery');
  const registry = new ToolRegistry(
    discovery,
    strictStub<NautobotClient>(
      { openScope: (options) => new InvocationScope(options) },
      'nautobot',
    ),
  );
  const definition = { title: 'T', description: 'D.', input: EchoInput, output: EchoOutput };
  registry.register(
    { ...definition, name: 'echo', toolset: 'test' },
    { run: async (input: object) => ({ text: (input as EchoInput).text }) },
  );
  registry.register(
    { ...definition, name: 'broken', toolset: 'test' },
    {
      run: () => Promise.reject(new Error('bug')),
    },
  );
  return new McpServerFactory(registry);
}

const onlyEcho: Principal = { name: 'k', authMode: 'api_key', allows: toolMatcher(['echo']) };

describe('McpServerFactory.call', () => {
  // The bug case logs its stack on purpose; keep the test output clean.
  beforeAll(() => Logger.overrideLogger(false));

  it('returns the result as structured content', async () => {
    const result = await factory().call('echo', { text: 'hi' }, ANONYMOUS);
    expect(result.structuredContent).toEqual({ text: 'hi' });
    expect(result.isError).toBeUndefined();
  });

  it('turns a bug into an internal-error tool result, without the stack', async () => {
    const result = await factory().call('broken', { text: 'hi' }, ANONYMOUS);
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toMatch(/^Error internal-error \(500\)/);
    expect(text).not.toContain('bug');
  });

  it('answers unknown and forbidden tools with a JSON-RPC invalid-params error', async () => {
    for (const [name, type] of [
      ['nope', 'unknown-tool'],
      ['broken', 'tool-forbidden'],
    ]) {
      const error = await factory()
        .call(name, undefined, onlyEcho)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ProtocolError);
      expect(error).toMatchObject({ code: -32602, data: { type } });
    }
  });
});

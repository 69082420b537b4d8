import { describe, expect, it } from '@jest/globals';
import { ProblemException, toolMatcher, type Principal } from '@nautobot-mcp/common';
import { InvocationScope, type NautobotClient } from '@nautobot-mcp/nautobot';
import type { DiscoveryService } from '@nestjs/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { ToolRegistry } from './tool.registry.js';

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

function registry(): ToolRegistry {
  const discovery = strictStub<DiscoveryService>({ getProviders: () => [] }, 'discovery');
  const nautobot = strictStub<NautobotClient>(
    { openScope: (options) => new InvocationScope(options) },
    'nautobot',
  );
  const tools = new ToolRegistry(discovery, nautobot);
  tools.register(
    {
      name: 'echo',
      title: 'Echo',
      description: 'Echoes.',
      toolset: 'test',
      input: EchoInput,
      output: EchoOutput,
    },
    { run: async (input: object) => ({ text: (input as EchoInput).text }) },
  );
  return tools;
}

const limited = (rules: string[]): Principal => ({
  name: 'key-ipam',
  authMode: 'api_key',
  allows: toolMatcher(rules),
});

describe('ToolRegistry', () => {
  it('runs a tool for an allowed principal', async () => {
    const invocation = await registry().invoke('echo', { text: 'hi' }, 'rest', limited(['test']));
    expect(invocation.result).toEqual({ text: 'hi' });
    expect(invocation.meta.durationMs).toEqual(expect.any(Number));
  });

  it('refuses a tool the principal may not call, before validating arguments', async () => {
    try {
      await registry().invoke('echo', { bogus: true }, 'rest', limited(['ipam']));
      throw new Error('expected tool-forbidden');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem).toEqual(
        expect.objectContaining({ status: 403, type: 'tool-forbidden', tool: 'echo' }),
      );
    }
  });

  it('lists only the tools a principal may call', () => {
    expect(registry().all(limited(['ipam']))).toEqual([]);
    expect(
      registry()
        .all(limited(['echo']))
        .map((t) => t.definition.name),
    ).toEqual(['echo']);
  });

  it('rejects bad and duplicate tool names', () => {
    const tools = registry();
    const def = {
      title: 'x',
      description: 'x',
      toolset: 't',
      input: EchoInput,
      output: EchoOutput,
    };
    expect(() => tools.register({ ...def, name: 'echo' }, { run: async () => ({}) })).toThrow(
      'twice',
    );
    expect(() => tools.register({ ...def, name: 'bad name!' }, { run: async () => ({}) })).toThrow(
      'does not match',
    );
  });

  it('refuses to describe a tool before the schemas are built', () => {
    const tools = registry();
    expect(() => tools.describe(tools.get('echo'))).toThrow('schemas are not built');
  });
});

import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS, type Principal } from '@nautobot-mcp/common';
import { McpCancellations, cancellingCaller } from './mcp-cancellation.service.js';

const alice: Principal = { name: 'alice', authMode: 'api_key', allows: () => true };

describe('McpCancellations', () => {
  it('aborts the one call of that caller and id, with a client-closed problem', () => {
    const calls = new McpCancellations();
    const one = calls.track('api_key:alice', 1);
    const other = calls.track('api_key:bob', 1);
    const text = calls.track('api_key:alice', '1');
    expect(calls.cancel('api_key:alice', 1)).toBe(true);
    expect(one.signal.aborted).toBe(true);
    expect((one.signal.reason as { problem: { type: string } }).problem.type).toBe('client-closed');
    expect(other.signal.aborted).toBe(false);
    expect(text.signal.aborted).toBe(false);
  });

  it('ignores an ambiguous id (two clients sharing a credential) and unknown ids', () => {
    const calls = new McpCancellations();
    const first = calls.track('api_key:alice', 1);
    const second = calls.track('api_key:alice', 1);
    expect(calls.cancel('api_key:alice', 1)).toBe(false);
    expect(calls.cancel('api_key:alice', 2)).toBe(false);
    expect(first.signal.aborted || second.signal.aborted).toBe(false);
    second.done();
    expect(calls.cancel('api_key:alice', 1)).toBe(true);
    expect(first.signal.aborted).toBe(true);
  });

  it('forgets answered calls', () => {
    const calls = new McpCancellations();
    const call = calls.track('api_key:alice', 5);
    expect(calls.size).toBe(1);
    call.done();
    expect(calls.size).toBe(0);
    expect(calls.cancel('api_key:alice', 5)).toBe(false);
  });

  it('keys authenticated callers by principal, anonymous ones also by address', () => {
    expect(cancellingCaller(alice, '10.0.0.1')).toBe(cancellingCaller(alice, '10.0.0.2'));
    expect(cancellingCaller(ANONYMOUS, '10.0.0.1')).not.toBe(
      cancellingCaller(ANONYMOUS, '10.0.0.2'),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { problemOf } from '@nautobot-mcp/common';
import { problemResult, summaryOf, toolResult } from './tool-result.js';

describe('tool results', () => {
  it('summarises a complete page, a cut page and warnings', () => {
    const complete = { items: [{ id: 'a' }], count: 1, total: 1, truncated: false };
    expect(summaryOf({ name: 'devices', result: complete, meta: { durationMs: 1 } })).toBe(
      'devices: 1 item of 1; complete.',
    );
    const cut = { items: [{}, {}], count: 2, truncated: true, nextCursor: 'c' };
    expect(
      summaryOf({
        name: 'prefixes',
        result: cut,
        meta: { durationMs: 1, warnings: ['Cut at 64 KiB.'] },
      }),
    ).toBe(
      'prefixes: 2 items; more match: call again with the same arguments and cursor = nextCursor. Warnings: Cut at 64 KiB.',
    );
  });

  it('summarises a result that is not a list', () => {
    expect(
      summaryOf({ name: 'device_details', result: { name: 'x' }, meta: { durationMs: 1 } }),
    ).toBe('device_details: result');
  });

  it('mirrors the result as structuredContent and compact JSON text', () => {
    const result = { items: [], count: 0, truncated: false };
    const call = toolResult({ name: 'devices', result, meta: { durationMs: 1 } });
    expect(call.structuredContent).toBe(result);
    expect(call.content).toEqual([
      {
        type: 'text',
        text: 'devices: 0 items; complete.\n{"items":[],"count":0,"truncated":false}',
      },
    ]);
  });

  it('renders a problem with its fields and suggestions, without structuredContent', () => {
    const problem = problemOf('unknown-location', 'No location AMS1.', {
      suggestions: ['AMS01', 'AMS02'],
      errors: [{ field: 'location', message: 'unknown' }],
    }).problem;
    const call = problemResult(problem);
    expect(call.isError).toBe(true);
    expect(call.structuredContent).toBeUndefined();
    const text = (call.content[0] as { text: string }).text.split('\n');
    expect(text).toEqual([
      'Error unknown-location (400): No location AMS1.',
      '- location: unknown',
      'Did you mean: AMS01, AMS02?',
      JSON.stringify(problem),
    ]);
  });

  it('does not repeat field messages the detail already holds', () => {
    const problem = problemOf('invalid-arguments', undefined, {}).problem;
    const withErrors = {
      ...problem,
      detail: 'limit: too small',
      errors: [{ field: 'limit', message: 'too small' }],
    };
    const lines = (problemResult(withErrors).content[0] as { text: string }).text.split('\n');
    expect(lines).toHaveLength(2);
    expect(problemResult({ ...problem, detail: undefined }).content[0]).toMatchObject({
      text: expect.stringMatching(/^Error invalid-arguments \(400\): Invalid tool arguments/),
    });
  });

  it('lists at most 20 field lines, however many errors a problem carries', () => {
    const errors = Array.from({ length: 40_000 }, (_, i) => ({ field: `k${i}`, message: 'bad' }));
    const problem = { type: 'invalid-arguments', title: 'x', status: 400, detail: 'd', errors };
    const lines = (problemResult(problem).content[0] as { text: string }).text.split('\n');
    // The headline, 20 field lines, the JSON.
    expect(lines).toHaveLength(22);
    expect(lines[20]).toBe('- k19: bad');
  });
});

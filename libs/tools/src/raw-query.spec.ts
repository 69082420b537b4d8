import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { checkRawQuery, type RawQueryLimits } from './raw-query.js';

const LIMITS: RawQueryLimits = { maxDepth: 8, maxAliases: 15, maxFields: 500, maxTokens: 1000 };

function messageOf(query: string, limits = LIMITS): string {
  try {
    checkRawQuery(query, limits);
  } catch (error) {
    return (error as ProblemException).problem.detail ?? '';
  }
  throw new Error('expected the query to be refused');
}

describe('checkRawQuery', () => {
  it('measures each fragment once, however often it is spread', () => {
    // 60 fragments, each spreading the next three times: 3^59 fields once expanded.
    const n = 60;
    const fragments = Array.from({ length: n }, (_, i) =>
      i === n - 1
        ? `fragment F${i} on DeviceType { name }`
        : `fragment F${i} on DeviceType { ...F${i + 1} ...F${i + 1} ... on DeviceType { ...F${i + 1} } }`,
    ).join(' ');
    const started = performance.now();
    const message = messageOf(`{ devices { ...F0 } } ${fragments}`, {
      ...LIMITS,
      maxTokens: 100_000,
    });
    expect(performance.now() - started).toBeLessThan(200);
    expect(message).toContain(`selects ${Number.MAX_SAFE_INTEGER} fields`);
    expect(message).not.toContain('deep');
  });

  it('counts depth, fields and aliases with fragments expanded, and names every limit passed', () => {
    const query =
      '{ a: devices { ...L } b: devices { ...L } } fragment L on DeviceType { x: location { y: parent { name } } }';
    // Fields: 2 devices + 2 × (location, parent, name) = 8; aliases: a, b + 2 × (x, y) = 6; depth 4.
    expect(checkRawQuery(query, { ...LIMITS, maxFields: 8, maxAliases: 6, maxDepth: 4 }).kind).toBe(
      'Document',
    );
    const message = messageOf(query, { ...LIMITS, maxFields: 7, maxAliases: 5, maxDepth: 3 });
    expect(message).toContain('nests fields 4 deep; at most 3 (RAW_GRAPHQL_MAX_DEPTH)');
    expect(message).toContain('selects 8 fields with fragments expanded; at most 7');
    expect(message).toContain('uses 6 aliases with fragments expanded; at most 5');
  });

  it('stops parsing at the token limit', () => {
    expect(messageOf('{ a b c d e f }', { ...LIMITS, maxTokens: 5 })).toContain(
      'has more than 5 tokens (RAW_GRAPHQL_MAX_TOKENS)',
    );
    expect(checkRawQuery('{ a b c d }', { ...LIMITS, maxTokens: 6 }).kind).toBe('Document');
  });

  it('still finds cycles and unknown fragments', () => {
    expect(messageOf('{ d { ...A } } fragment A on T { ...B } fragment B on T { ...A }')).toContain(
      'spreads itself',
    );
    expect(messageOf('{ d { ...A } } fragment A on T { ...Nope }')).toContain(
      'unknown fragment "Nope"',
    );
  });
});

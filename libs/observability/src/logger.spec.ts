import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { requestContext } from '@nautobot-mcp/common';
import { createLogger, PinoNestLogger } from './logger.js';
import { acceptedRequestId } from './request-id.middleware.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    stream: { write: (chunk: string) => lines.push(JSON.parse(chunk) as Record<string, unknown>) },
  };
}

const settings = loadSettings({ DEMO_MODE: 'true', LOG_LEVEL: 'trace' }).settings;

describe('logger', () => {
  it('writes JSON lines with level names, service, version and the request id', () => {
    const { lines, stream } = capture();
    const logger = createLogger(settings, { stream });
    requestContext.run({ requestId: 'r-1' }, () =>
      logger.info({ token: 'sekret', nested: { password: 'x' } }, 'hello'),
    );
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'hello',
      service: 'nautobot-mcp-server',
      requestId: 'r-1',
      token: '[redacted]',
      nested: { password: '[redacted]' },
    });
    expect(lines[0].version).toEqual(expect.any(String));
  });

  it('adapts every Nest log method, with context and errors', () => {
    const { lines, stream } = capture();
    const nest = new PinoNestLogger(createLogger(settings, { stream }));
    nest.log('started', 'NestFactory');
    nest.warn('careful');
    nest.debug('details', 'Ctx');
    nest.verbose('chatty');
    nest.fatal('dying');
    nest.error('failed', 'Error: x\n    at somewhere', 'Boom');
    nest.error(new Error('as error'));
    nest.log({ structured: true }, 'Ctx');
    expect(lines.map((l) => l.level)).toEqual([
      'info',
      'warn',
      'debug',
      'trace',
      'fatal',
      'error',
      'error',
      'info',
    ]);
    expect(lines[0]).toMatchObject({ context: 'NestFactory', msg: 'started' });
    expect(lines[5]).toMatchObject({
      context: 'Boom',
      stack: expect.stringContaining('at somewhere'),
    });
    expect(lines[6]).toMatchObject({ msg: 'as error' });
    expect(lines[7]).toMatchObject({ structured: true, context: 'Ctx' });
  });

  it('drops lines below LOG_LEVEL', () => {
    const { lines, stream } = capture();
    const quiet = new PinoNestLogger(
      createLogger(loadSettings({ DEMO_MODE: 'true', LOG_LEVEL: 'warn' }).settings, { stream }),
    );
    quiet.log('hidden');
    quiet.debug('hidden');
    quiet.warn('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('acceptedRequestId', () => {
  it.each([
    ['abc-123', 'abc-123'],
    ['a:b.c_d', 'a:b.c_d'],
    ['with space', undefined],
    ['x'.repeat(129), undefined],
    ['', undefined],
    [['a', 'b'], undefined],
    [undefined, undefined],
  ])('%p → %p', (value, expected) => {
    expect(acceptedRequestId(value)).toBe(expected);
  });
});

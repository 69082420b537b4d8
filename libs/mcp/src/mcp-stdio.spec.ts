import { EventEmitter } from 'node:events';
import { closeOnSignals } from './mcp-stdio.js';

/** Lets every settled promise's handlers run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('closeOnSignals', () => {
  it.each(['SIGTERM', 'SIGINT'])(
    'reports a close that rejects on %s instead of leaving it unhandled',
    async (signal) => {
      const signals = new EventEmitter();
      const failure = new Error('stdout is gone');
      const order: string[] = [];
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        closeOnSignals(
          { close: () => Promise.reject(failure) },
          {
            onSignal: () => order.push('signal'),
            onCloseFailed: (error) => order.push(`failed: ${(error as Error).message}`),
          },
          signals as unknown as Pick<NodeJS.Process, 'once'>,
        );
        signals.emit(signal);
        await settle();
        await settle();
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(order).toEqual(['signal', 'failed: stdout is gone']);
      expect(unhandled).toEqual([]);
    },
  );

  it('closes once however often the same signal comes', async () => {
    const signals = new EventEmitter();
    let closes = 0;
    closeOnSignals(
      { close: async () => void closes++ },
      { onSignal: () => undefined, onCloseFailed: () => undefined },
      signals as unknown as Pick<NodeJS.Process, 'once'>,
    );
    signals.emit('SIGTERM');
    signals.emit('SIGTERM');
    await settle();
    expect(closes).toBe(1);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(signals.listenerCount('SIGINT')).toBe(1);
  });
});

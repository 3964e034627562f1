import { EventEmitter } from 'node:events';
import { type Logger } from '@nestjs/common';
import { logQueueErrors } from './log-queue-errors';

describe(logQueueErrors.name, () => {
  it('should log the first of a burst of errors and the next one once the interval has passed', async () => {
    const warn = jest.fn();
    const emitter = new EventEmitter();
    logQueueErrors(emitter, 'The worker', { warn } as unknown as Logger, 50);

    for (let i = 0; i < 5; i++) emitter.emit('error', new Error('connect ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      { err: 'connect ECONNREFUSED' },
      expect.stringMatching(/^The worker: Redis error/),
    );

    await new Promise((resolve) => setTimeout(resolve, 60));
    emitter.emit('error', new Error('connect ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

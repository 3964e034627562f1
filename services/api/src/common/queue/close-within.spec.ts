import { type Logger } from '@nestjs/common';
import { closeWithin } from './close-within';

describe(closeWithin.name, () => {
  function logger(): { warn: jest.Mock } & Logger {
    return { warn: jest.fn() } as unknown as { warn: jest.Mock } & Logger;
  }

  it('should return as soon as the close finishes, without a warning', async () => {
    const log = logger();
    await closeWithin(Promise.resolve(), 'The worker', log, 60_000);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('should give up on a close that never finishes once the grace has passed, and say so', async () => {
    const log = logger();
    // BullMQ's close while Redis is unreachable: a promise that never settles.
    await closeWithin(new Promise(() => undefined), 'The worker', log, 20);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/The worker did not close within 20 ms/));
  });

  it('should log a failed close and go on', async () => {
    const log = logger();
    await closeWithin(Promise.reject(new Error('Connection is closed.')), 'The worker', log, 60_000);
    expect(log.warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'The worker failed to close');
  });
});

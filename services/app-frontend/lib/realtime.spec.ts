/** @jest-environment jsdom */
import { renderHook } from '@testing-library/react';
import { FakeSocket } from './fake-socket.test-support';
import { CATCH_UP_SPREAD_MS, type RealtimeHandlers, useRealtime } from './realtime';

function setup(handlers: RealtimeHandlers) {
  const socket = new FakeSocket();
  const connect = () => socket.asSocket();
  const hook = renderHook(({ h }) => useRealtime(h, connect), { initialProps: { h: handlers } });
  return { socket, hook };
}

describe('useRealtime', () => {
  it('should go live on the server’s ready and catch up each time, the first time included', () => {
    const onCatchUp = jest.fn();
    const { socket, hook } = setup({ onCatchUp });
    expect(hook.result.current).toBe('connecting');
    expect(onCatchUp).not.toHaveBeenCalled();

    // Whatever happened between the page's render and this moment was never sent to this socket.
    socket.serverSends('ready');
    expect(hook.result.current).toBe('live');
    expect(onCatchUp).toHaveBeenCalledTimes(1);

    socket.serverSends('disconnect', 'transport close');
    expect(hook.result.current).toBe('reconnecting');
    expect(onCatchUp).toHaveBeenCalledTimes(1);

    socket.serverSends('ready');
    expect(hook.result.current).toBe('live');
    expect(onCatchUp).toHaveBeenCalledTimes(2);
  });

  it('should catch up once, within a few seconds, when the server asks after an outage of its Redis', () => {
    jest.useFakeTimers();
    try {
      const onCatchUp = jest.fn();
      const { socket, hook } = setup({ onCatchUp });
      socket.serverSends('ready');
      expect(onCatchUp).toHaveBeenCalledTimes(1);

      // Every instance may ask; a request while one waits adds nothing.
      socket.serverSends('catch-up');
      socket.serverSends('catch-up');
      jest.advanceTimersByTime(CATCH_UP_SPREAD_MS);
      expect(onCatchUp).toHaveBeenCalledTimes(2);
      expect(hook.result.current).toBe('live');

      socket.serverSends('catch-up');
      jest.advanceTimersByTime(CATCH_UP_SPREAD_MS);
      expect(onCatchUp).toHaveBeenCalledTimes(3);

      // Unmounted while one waits: nothing runs.
      socket.serverSends('catch-up');
      hook.unmount();
      jest.advanceTimersByTime(CATCH_UP_SPREAD_MS);
      expect(onCatchUp).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('should hand events to the latest handlers without reconnecting', () => {
    const first = jest.fn();
    const second = jest.fn();
    const { socket, hook } = setup({ 'message.created': first });
    hook.rerender({ h: { 'message.created': second } });
    const payload = { conversationId: 'c1', message: { id: 'm1' } };
    socket.serverSends('message.created', payload);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(payload);
    expect(socket.closed).toBe(false);
  });

  it('should say so when the server refuses the session, and close on unmount', () => {
    const { socket, hook } = setup({});
    socket.serverSends('unauthorized', { message: 'Session expired' });
    socket.serverSends('disconnect', 'io server disconnect');
    expect(hook.result.current).toBe('refused');
    hook.unmount();
    expect(socket.closed).toBe(true);
  });

  it('should try again after the named delay when the server could not check the session', () => {
    jest.useFakeTimers();
    try {
      const { socket, hook } = setup({});
      socket.serverSends('unavailable', { message: 'Briefly unavailable', retryAfterSeconds: 5 });
      socket.serverSends('disconnect', 'io server disconnect');
      expect(hook.result.current).toBe('reconnecting');
      jest.advanceTimersByTime(4_999);
      expect(socket.reconnects).toBe(0);
      jest.advanceTimersByTime(1);
      expect(socket.reconnects).toBe(1);
      socket.serverSends('ready');
      expect(hook.result.current).toBe('live');

      // Unmounted while a retry is pending: the page does not connect again.
      socket.serverSends('unavailable', { message: 'Briefly unavailable', retryAfterSeconds: 5 });
      hook.unmount();
      jest.advanceTimersByTime(5_000);
      expect(socket.reconnects).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import { FakeSocket } from '@/lib/fake-socket.test-support';
import { REFRESH_DELAY_MS, useLiveRefresh } from './live-refresh';

const TEMPLATE_EVENT = { metaTemplateId: '1', wabaId: 'w', status: 'APPROVED', rejectedReason: null };

/** Goes live: the first connection catches up once, like every later one. */
function goLive(socket: FakeSocket, refresh: jest.Mock) {
  socket.serverSends('ready');
  act(() => jest.advanceTimersByTime(REFRESH_DELAY_MS));
  expect(refresh).toHaveBeenCalledTimes(1);
  refresh.mockClear();
}

function setup() {
  const socket = new FakeSocket();
  const refresh = jest.fn();
  const hook = renderHook(() => useLiveRefresh(['template.updated'], refresh, () => socket.asSocket()));
  return { socket, refresh, hook };
}

describe('useLiveRefresh', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should refresh once for a burst of the events it listens to', () => {
    const { socket, refresh } = setup();
    goLive(socket, refresh);
    socket.serverSends('template.updated', TEMPLATE_EVENT);
    socket.serverSends('template.updated', { ...TEMPLATE_EVENT, metaTemplateId: '2' });
    expect(refresh).not.toHaveBeenCalled();

    act(() => jest.advanceTimersByTime(REFRESH_DELAY_MS));
    expect(refresh).toHaveBeenCalledTimes(1);

    socket.serverSends('template.updated', TEMPLATE_EVENT);
    act(() => jest.advanceTimersByTime(REFRESH_DELAY_MS));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('should ignore other events and catch up on every connection', () => {
    const { socket, refresh } = setup();
    goLive(socket, refresh);
    socket.serverSends('message.created', { conversationId: 'c', message: {} });
    act(() => jest.advanceTimersByTime(REFRESH_DELAY_MS));
    expect(refresh).not.toHaveBeenCalled();

    socket.serverSends('disconnect', 'transport close');
    socket.serverSends('ready');
    act(() => jest.advanceTimersByTime(REFRESH_DELAY_MS));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('should not refresh after the page is gone', () => {
    const { socket, refresh, hook } = setup();
    goLive(socket, refresh);
    socket.serverSends('template.updated', TEMPLATE_EVENT);
    hook.unmount();
    act(() => jest.advanceTimersByTime(REFRESH_DELAY_MS));
    expect(refresh).not.toHaveBeenCalled();
  });
});

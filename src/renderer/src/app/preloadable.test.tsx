// @vitest-environment jsdom
/** A preloaded view renders in the same commit as the click that opens it; an unloaded one follows. */
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { preloadable } from './preloadable';

const Hello = ({ name }: { name: string }) => <p>hello {name}</p>;

describe('preloadable', () => {
  it('renders at once when preloaded: no empty frame', async () => {
    const view = preloadable(async () => ({ default: Hello }));
    await view.preload();
    render(<view.View name="seller" />);
    expect(screen.getByText('hello seller')).toBeTruthy(); // synchronously, in the first commit
  });

  it('loads on first use when not preloaded, and loads only once', async () => {
    let loads = 0;
    const view = preloadable(async () => {
      loads++;
      return { default: Hello };
    });
    render(
      <>
        <view.View name="a" />
        <view.View name="b" />
      </>,
    );
    expect(screen.queryByText('hello a')).toBeNull();
    expect(await screen.findByText('hello a')).toBeTruthy(); // after the fallback's frame was painted
    expect(screen.getByText('hello b')).toBeTruthy();
    expect(loads).toBe(1);
  });

  it('shows its fallback until the code is in, then the view', async () => {
    let arrive: (m: { default: typeof Hello }) => void = () => {};
    let asked = false;
    const view = preloadable(
      () =>
        new Promise<{ default: typeof Hello }>((resolve) => {
          asked = true;
          arrive = resolve;
        }),
    );
    render(<view.View name="reader" fallback={<p>Select a conversation</p>} />);
    expect(screen.getByText('Select a conversation')).toBeTruthy();
    await waitFor(() => expect(asked).toBe(true)); // the import starts after the fallback was painted
    await act(async () => arrive({ default: Hello }));
    expect(screen.getByText('hello reader')).toBeTruthy();
    expect(screen.queryByText('Select a conversation')).toBeNull();
  });

  it('does not start loading before the frame with its fallback is painted', async () => {
    let loads = 0;
    const view = preloadable(async () => {
      loads++;
      return { default: Hello };
    });
    render(<view.View name="later" fallback={<p>first paint</p>} />);
    await act(async () => {}); // effects and microtasks have run: the frame is not painted yet
    expect(loads).toBe(0);
    expect(await screen.findByText('hello later')).toBeTruthy();
    expect(loads).toBe(1);
  });

  it('loads in a hidden page too, which paints no frames', async () => {
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0); // never painted
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      const view = preloadable(async () => ({ default: Hello }));
      render(<view.View name="in the background" fallback={<p>first paint</p>} />);
      expect(await screen.findByText('hello in the background')).toBeTruthy();
    } finally {
      frames.mockRestore();
      hidden.mockRestore();
    }
  });

  it('a failed preload is tried again on first use', async () => {
    let loads = 0;
    const view = preloadable(async () => {
      if (++loads === 1) throw new Error('offline');
      return { default: Hello };
    });
    await expect(view.preload()).rejects.toThrow('offline');
    render(<view.View name="again" />);
    expect(await screen.findByText('hello again')).toBeTruthy();
    expect(loads).toBe(2);
  });
});

// @vitest-environment jsdom
/** The first screen: main.tsx renders once the status and the first rows are in, so the first commit shows rows. */
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setApi } from '../state/backend';
import { createFakeBackend } from '../state/testing/fake-backend';
import { App, firstScreenReady, startLoading } from './App';
import { useRendererTestEnv } from './testing/setup';

describe('the first screen', () => {
  useRendererTestEnv();

  it('is the inbox with its rows, not a splash, when rendered after firstScreenReady', async () => {
    setApi(createFakeBackend({ conversations: 30 }));
    startLoading();
    await firstScreenReady();
    act(() => void render(<App />));
    expect(screen.queryByText('Starting Parley…')).toBeNull();
    expect(screen.getAllByTestId('conversation-row').length).toBe(10);
  });

  it('is ready at once for a first run, which has no inbox to wait for', async () => {
    const api = createFakeBackend({ firstRun: true });
    api['inbox.list'].mockRejectedValue({ code: 'ENOTFOUND', message: 'no shop' });
    setApi(api);
    startLoading();
    await expect(firstScreenReady()).resolves.toBeUndefined();
  });

  it('is ready when the status cannot be read (the splash says why)', async () => {
    const api = createFakeBackend();
    api['app.status'].mockRejectedValue({ code: 'ETOKEN', message: 'missing token' });
    api['inbox.list'].mockImplementation(() => new Promise(() => {})); // never answers
    setApi(api);
    startLoading();
    await expect(firstScreenReady()).resolves.toBeUndefined();
  });
});

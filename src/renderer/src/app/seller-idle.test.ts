// @vitest-environment jsdom
/** Background work waits for a quiet seller: every click or key starts the quiet time anew. */
import { describe, expect, it } from 'vitest';
import { whenSellerIdle } from './seller-idle';

describe('whenSellerIdle', () => {
  it('resolves only once the seller has not clicked or typed for the quiet time', async () => {
    const quietMs = 300;
    const started = performance.now();
    const idle = whenSellerIdle(quietMs);
    let lastInput = started;
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 20));
      window.dispatchEvent(new MouseEvent(i % 2 ? 'click' : 'pointerdown'));
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      lastInput = performance.now();
    }
    await idle.promise;
    expect(performance.now() - lastInput).toBeGreaterThanOrEqual(quietMs - 5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(6 * 20 + quietMs - 5);
  });
});

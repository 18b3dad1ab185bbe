/**
 * Waiting for a quiet moment: background work that costs the backend noticeable time (the performance numbers read 90
 * days of messages) waits until the seller has neither clicked, typed nor scrolled for a while, so it does not land
 * between a click on a conversation and its messages.
 */
const INPUT = ['pointerdown', 'click', 'keydown', 'wheel'] as const;

/** Resolves once the seller has been quiet for `quietMs`, at the browser's next idle moment; cancel() drops it. */
export function whenSellerIdle(quietMs: number): { promise: Promise<void>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  let finish: () => void = () => {};
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(quiet, quietMs);
  };
  const stop = () => {
    clearTimeout(timer);
    if (idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    for (const type of INPUT) window.removeEventListener(type, restart, true);
  };
  function quiet() {
    const done = () => {
      stop();
      finish();
    };
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(done, { timeout: quietMs });
    else done();
  }
  const promise = new Promise<void>((resolve) => {
    finish = resolve;
  });
  for (const type of INPUT) window.addEventListener(type, restart, { capture: true, passive: true });
  restart();
  return { promise, cancel: stop };
}

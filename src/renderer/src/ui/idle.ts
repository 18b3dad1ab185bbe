/**
 * Work the screen need not wait for. Both return a cancel.
 * - whenIdle: when the browser is next idle, at the latest after `timeoutMs`; where there is no
 *   requestIdleCallback, after `fallbackMs`.
 * - afterPaint: once the next frame is painted (a task after the frame). A hidden page paints no frames (a window
 *   started in the background): there it runs after the current task.
 */
export function whenIdle(run: () => void, timeoutMs: number, fallbackMs = 1): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(() => run(), { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(run, fallbackMs);
  return () => window.clearTimeout(timer);
}

export function afterPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

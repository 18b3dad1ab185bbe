/**
 * A component whose code loads on first use, like React.lazy, but that can be loaded ahead
 * (`preload`) and then renders at once: React.lazy suspends on every first render, even when
 * the module is already in, and React holds a revealed Suspense boundary back ~300 ms.
 * A view that is not in yet starts loading after the frame that shows its fallback is painted: the
 * import (its fetch, module preload links and compile) does not hold up the inbox's first paint.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { afterPaint } from '../ui/idle';

export interface Preloadable<P extends object> {
  /** `fallback` shows until the code is in (nothing by default). */
  View: ComponentType<P & { fallback?: ReactNode }>;
  preload(): Promise<unknown>;
}

export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (m) => (loaded = m.default),
      (e: unknown) => {
        pending = null; // a later use tries again
        throw e;
      },
    ));

  function View({ fallback = null, ...rest }: P & { fallback?: ReactNode }) {
    const props = rest as P;
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<unknown>(null);
    useEffect(() => {
      if (Component) return;
      let live = true;
      const cancel = afterPaint(() =>
        preload().then(
          (c) => live && setComponent(() => c),
          (e) => live && setFailed(e),
        ),
      );
      return () => {
        live = false;
        cancel();
      };
    }, [Component]);
    if (failed) throw failed; // the pane's ErrorBoundary says so
    return Component ? <Component {...props} /> : fallback;
  }
  return { View, preload };
}

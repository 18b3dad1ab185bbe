/**
 * A component whose code loads on first use, like React.lazy, but that can be loaded ahead
 * (`preload`) and then renders at once: React.lazy suspends on every first render, even when
 * the module is already in, and React holds a revealed Suspense boundary back ~300 ms.
 */
import { useEffect, useState, type ComponentType } from 'react';

export interface Preloadable<P extends object> {
  View: ComponentType<P>;
  preload(): Promise<unknown>;
}

export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => (pending ??= load().then((m) => (loaded = m.default)));

  function View(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<unknown>(null);
    useEffect(() => {
      if (Component) return;
      let live = true;
      preload().then(
        (c) => live && setComponent(() => c),
        (e) => {
          pending = null; // a later open tries again
          if (live) setFailed(e);
        },
      );
      return () => {
        live = false;
      };
    }, [Component]);
    if (failed) throw failed; // the pane's ErrorBoundary says so
    return Component ? <Component {...props} /> : null;
  }
  return { View, preload };
}

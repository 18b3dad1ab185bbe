import { useState } from 'react';
import { failure } from '../../api/errors';

/** One export at a time: busy while it runs, then its result or the error in the seller's words. */
export function useExportRun<T>(start: () => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await start());
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, done, error, run, dismiss: () => setDone(null) };
}

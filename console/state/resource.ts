/**
 * `useResource(key, load)`: what a view shows while it asks the API. A new
 * key aborts the request in flight; the last answer stays on screen while
 * the next one loads, so filters do not make the page jump.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ApiFailure, toFailure } from '../api/client';

export interface Resource<T> {
  data?: T;
  error?: ApiFailure;
  loading: boolean;
}

export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> & { reload: () => void } {
  const [state, setState] = useState<Resource<T>>({ loading: key !== null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    // A load that throws before its first await (a path parameter refused by api/path.ts) is a failure like any other.
    new Promise<T>((resolve) => resolve(load(controller.signal))).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ error: toFailure(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [key, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

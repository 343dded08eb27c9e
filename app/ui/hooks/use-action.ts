import { useCallback, useState } from 'preact/hooks';
import { describeError } from '../errors';

/**
 * Runs an async action with a busy flag and a French error message; the form state stays
 * untouched on failure, so nothing typed is lost.
 */
export function useAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): {
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  error: string | null;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      setBusy(true);
      setError(null);
      // Let the browser paint the busy state before a long synchronous step (Argon2id).
      await new Promise((resolve) => setTimeout(resolve, 16));
      try {
        await action(...args);
        return true;
      } catch (e) {
        setError(describeError(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, clear: () => setError(null) };
}

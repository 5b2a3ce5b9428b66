import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';

/**
 * The busy flag and last error of a form's submit or a button's action. `run` resolves with the action's value,
 * or with undefined after a failure, whose error is then in `error` for the form to show.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(toApiError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}

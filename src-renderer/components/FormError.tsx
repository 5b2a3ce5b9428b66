import { Alert } from '@mantine/core';
import type { ApiError } from '../api/errors';
import { IconAlert } from './icons';
import { useErrorText } from './useErrorText';

/** A form's error that belongs to no single field (field errors show under their inputs). */
export function FormError({ error, testId }: { error: ApiError | undefined; testId?: string }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlert size={18} />} data-testid={testId}>
      {errorText(error)}
    </Alert>
  );
}

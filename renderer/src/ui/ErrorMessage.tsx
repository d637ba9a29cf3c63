/** Error shown in place, next to what failed; the e2e test looks for data-testid=error-message. */
export function ErrorMessage({ message, testId = 'error-message' }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <div className="error-message" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}

/** Success (green) or neutral information (grey). */
export function Notice({ message, testId = 'notice-message', info }: { message: string | null; testId?: string; info?: boolean }) {
  if (!message) return null;
  return (
    <div className={info ? 'notice-info' : 'notice-message'} role="status" data-testid={testId}>
      {message}
    </div>
  );
}

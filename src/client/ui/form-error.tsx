/**
 * A form's error, announced when it appears. Rendered only while there is a message: an alert that is inserted is
 * read out reliably, while one whose text merely changes is not everywhere. Forms clear it on each submit so the
 * same error shown twice is announced twice.
 */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" class="form-error">
      <svg class="form-error-icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.5H9.1V6Zm.9 9a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
      </svg>
      <span>{message}</span>
    </div>
  );
}

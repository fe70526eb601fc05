// Formatting shortcuts in the composer.

/** Handles a formatting shortcut typed in `field`; true when it did (the caller then ignores the key). */
export function handleFormattingKey(_event: KeyboardEvent, _field: HTMLTextAreaElement, _setText: (text: string) => void): boolean {
  return false;
}

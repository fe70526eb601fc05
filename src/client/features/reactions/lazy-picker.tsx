// The picker's code comes with its emoji data, in chunks loaded the first time someone opens it: the first screen
// carries neither.
import { useSignal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import type { EmojiPickerProps } from './emoji-picker.js';

let loaded: ComponentType<EmojiPickerProps> | null = null;

export function EmojiPicker(props: EmojiPickerProps) {
  const picker = useSignal(loaded);
  useEffect(() => {
    if (picker.value) return;
    import('./emoji-picker.js').then(
      (module) => (picker.value = loaded = module.EmojiPicker),
      // Nothing to show: closing lets the person try again (the next import retries the download).
      () => props.onClose(),
    );
  }, []);
  const Picker = picker.value;
  return Picker ? <Picker {...props} /> : null;
}

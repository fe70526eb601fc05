// The composer's side of attachments: the paperclip, the files waiting to go (with progress and a remove button),
// and the drop and paste handlers the composer wires onto itself.
import { useRef, useState } from 'preact/hooks';
import { Icon } from '../../ui/icons.js';
import { FileIcon } from './attachment-icons.js';
import { formatSize } from './files.js';
import { addFiles, fileNotices, filesOf, removeFile, setFileNotice } from './state.js';

const hasFiles = (transfer: DataTransfer | null) => transfer !== null && [...transfer.types].includes('Files');

export function AttachButton({ conversationId }: { conversationId: number }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="icon-button composer-attach" aria-label="Attach files" title="Attach files" onClick={() => input.current?.click()}>
        <FileIcon name="paperclip" />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          void addFiles(conversationId, files);
        }}
      />
    </>
  );
}

/** Drop files anywhere on the composer (highlighted while they hover), or paste them into the text. */
export function useFileDrop(conversationId: number) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them, so the highlight does not flicker.
  const depth = useRef(0);
  return {
    over,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (!hasFiles(event.dataTransfer)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      },
      onDragOver: (event: DragEvent) => {
        if (!hasFiles(event.dataTransfer)) return;
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: () => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        depth.current = 0;
        setOver(false);
        const files = [...(event.dataTransfer?.files ?? [])];
        if (files.length === 0) return;
        event.preventDefault();
        void addFiles(conversationId, files);
      },
    },
    onPaste: (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      // A copied image often comes with its HTML or a name as text too: the file is what was meant.
      event.preventDefault();
      void addFiles(conversationId, files);
    },
  };
}

export function PendingFiles({ conversationId }: { conversationId: number }) {
  const files = filesOf(conversationId);
  const notice = fileNotices.value.get(conversationId);
  if (files.length === 0 && !notice) return null;
  return (
    <div class="composer-files">
      {notice && (
        <div role="alert" class="composer-file-notice">
          <span>{notice}</span>
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setFileNotice(conversationId, null)}>
            <Icon name="close" />
          </button>
        </div>
      )}
      {files.length > 0 && (
        <ul class="pending-files" aria-label="Files to send">
          {files.map((f) => (
            <li key={f.key} class={`pending-file${f.error ? ' is-failed' : ''}${f.uploaded ? ' is-uploaded' : ''}`}>
              {f.previewUrl ? <img class="pending-file-thumb" src={f.previewUrl} alt="" /> : <span class="pending-file-thumb is-icon"><FileIcon name="file" /></span>}
              <span class="pending-file-text">
                <span class="pending-file-name" title={f.file.name}>
                  {f.file.name}
                </span>
                <span class="pending-file-size">
                  {f.error ? <span class="pending-file-error">{f.error}</span> : f.uploaded ? formatSize(f.file.size) : `${formatSize(f.file.size)} · ${Math.round(f.progress * 100)}%`}
                </span>
                {!f.uploaded && !f.error && <progress class="pending-file-progress" max={1} value={f.progress} aria-label={`Uploading ${f.file.name}`} />}
              </span>
              <button type="button" class="icon-button pending-file-remove" aria-label={`Remove ${f.file.name}`} title="Remove" onClick={() => removeFile(conversationId, f.key)}>
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

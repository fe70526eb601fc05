// The files sent with a message: images inline in a box of their own size (so the list does not jump while they
// load), other files as a chip with a download link, text files with a collapsible preview of their first lines.
import { useState } from 'preact/hooks';
import type { Message } from '../../../shared/protocol/messages.js';
import type { Attachment } from '../../../shared/protocol/uploads.js';
import { fileUrl, thumbnailUrl, uploadsApi } from '../../api/uploads.js';
import { Dialog } from '../../ui/dialog.js';
import { errorMessage } from '../auth/error-message.js';
import { CodeBlock } from '../formatting/code-block.js';
import { FileIcon } from './attachment-icons.js';
import { formatSize, thumbnailBox } from './files.js';

export const REMOVED_TEXT = 'File removed by retention policy';

export function AttachmentList({ message }: { message: Message }) {
  if (message.attachments.length === 0 || message.deletedAt !== null) return null;
  return (
    <ul class="attachments" aria-label="Attachments">
      {message.attachments.map((attachment) => (
        <li key={attachment.id} class="attachment">
          {attachment.removed ? <RemovedFile attachment={attachment} /> : attachment.kind === 'image' ? <InlineImage image={attachment} /> : <FileChip file={attachment} />}
        </li>
      ))}
    </ul>
  );
}

function RemovedFile({ attachment }: { attachment: Attachment }) {
  if (attachment.kind === 'image') {
    const box = thumbnailBox(attachment.width, attachment.height, { width: 240, height: 160 });
    // A placeholder of the image's proportions, set as attributes of an empty SVG: the CSP allows no inline styles.
    return (
      <div class="attachment-removed-image" title={`${attachment.name}: ${REMOVED_TEXT}`}>
        <svg width={box.width} height={box.height} aria-hidden="true" class="attachment-placeholder" />
        <span class="attachment-removed-label">
          <FileIcon name="image" /> {REMOVED_TEXT}
        </span>
      </div>
    );
  }
  return (
    <div class="attachment-chip is-removed">
      <FileIcon name="file" />
      <span class="attachment-chip-text">
        <span class="attachment-name">{attachment.name}</span>
        <span class="attachment-meta">{REMOVED_TEXT}</span>
      </span>
    </div>
  );
}

function InlineImage({ image }: { image: Attachment }) {
  const [open, setOpen] = useState(false);
  const box = thumbnailBox(image.width, image.height);
  return (
    <>
      <button type="button" class="attachment-image" aria-label={`Open image ${image.name}`} title={image.name} onClick={() => setOpen(true)}>
        <img src={thumbnailUrl(image.id)} alt={image.name} width={box.width} height={box.height} loading="lazy" decoding="async" />
      </button>
      {open && (
        <Dialog title={image.name} wide onClose={() => setOpen(false)}>
          {(close) => (
            <div class="lightbox">
              <img class="lightbox-image" src={fileUrl(image.id)} alt={image.name} width={image.width ?? undefined} height={image.height ?? undefined} />
              <div class="dialog-actions">
                <a class="button" href={fileUrl(image.id)} download={image.name}>
                  <FileIcon name="download" /> Download
                </a>
                <button type="button" class="button button-primary" onClick={close}>
                  Close
                </button>
              </div>
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}

function FileChip({ file }: { file: Attachment }) {
  return (
    <div class="attachment-file">
      <div class="attachment-chip">
        <FileIcon name="file" />
        <span class="attachment-chip-text">
          <span class="attachment-name" title={file.name}>
            {file.name}
          </span>
          <span class="attachment-meta">{formatSize(file.size)}</span>
        </span>
        <a class="icon-button attachment-download" href={fileUrl(file.id)} download={file.name} aria-label={`Download ${file.name}`} title="Download">
          <FileIcon name="download" />
        </a>
      </div>
      {file.textPreview && <TextPreview file={file} />}
    </div>
  );
}

/** Loaded when first opened; coloured by the file's extension (highlight.js knows most of them as aliases). */
function TextPreview({ file }: { file: Attachment }) {
  const [state, setState] = useState<{ text: string; truncated: boolean } | { error: string } | null>(null);
  return (
    <details
      class="attachment-preview"
      onToggle={(event) => {
        if (!event.currentTarget.open || state) return;
        uploadsApi.textPreview(file.id).then(
          (preview) => setState(preview),
          (error: unknown) => setState({ error: errorMessage(error) }),
        );
      }}
    >
      <summary>Preview</summary>
      {state === null ? (
        <p class="attachment-preview-status">Loading…</p>
      ) : 'error' in state ? (
        <p class="attachment-preview-status" role="alert">
          {state.error}
        </p>
      ) : (
        <>
          <CodeBlock code={state.text} language={extensionOf(file.name)} label={file.name} firstLine={1} />
          {state.truncated && <p class="attachment-preview-status">First lines only — download the file for the rest.</p>}
        </>
      )}
    </details>
  );
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

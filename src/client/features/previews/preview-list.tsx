// Link previews under a message: a card per link (site, title, description, image), and for Bitbucket source links
// the linked lines with numbers, coloured by the formatting feature's code block. Everything is text from the
// server; nothing becomes HTML.
import type { Message } from '../../../shared/protocol/messages.js';
import type { LinkPreview, SourcePreview } from '../../../shared/protocol/previews.js';
import { me } from '../conversations/state.js';
import { CodeBlock } from '../formatting/code-block.js';
import { previewImage, safeLink, siteLabel } from './preview-model.js';
import { removePreviews } from './state.js';

export function PreviewList({ message }: { message: Message }) {
  if (message.previews.length === 0 || message.deletedAt !== null) return null;
  const own = message.authorId === me.value;
  return (
    <div class="previews">
      {message.previews.map((preview) => (
        <PreviewCard key={preview.url} preview={preview} />
      ))}
      {own && (
        <button
          type="button"
          class="preview-remove"
          aria-label="Remove link previews"
          title="Remove link previews"
          onClick={() => void removePreviews(message).catch(() => undefined)}
        >
          ×
        </button>
      )}
    </div>
  );
}

function PreviewCard({ preview }: { preview: LinkPreview }) {
  const href = safeLink(preview.url);
  const image = previewImage(preview);
  const site = siteLabel(preview);
  const title = preview.title ?? preview.url;
  return (
    <section class={`preview-card${image ? ' has-image' : ''}`} aria-label={`Link preview: ${title}`}>
      <div class="preview-text">
        {site && <div class="preview-site">{site}</div>}
        <div class="preview-title">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {title}
            </a>
          ) : (
            title
          )}
        </div>
        {preview.description && <p class="preview-description">{preview.description}</p>}
        {preview.source && <SourceLines source={preview.source} />}
      </div>
      {image && (
        <img
          class="preview-image"
          src={image.src}
          width={image.width}
          height={image.height}
          alt=""
          loading="lazy"
          decoding="async"
          // An image gone from the server (a restored backup leaves preview images behind) leaves no broken box.
          onError={(e) => e.currentTarget.classList.add('is-missing')}
        />
      )}
    </section>
  );
}

/** The linked lines with their numbers, the range marked, coloured like a code block in a message. */
function SourceLines({ source }: { source: SourcePreview }) {
  return (
    <CodeBlock
      code={source.lines.join('\n')}
      language={source.language ?? ''}
      label={source.path}
      firstLine={source.firstLine}
      marked={source.highlight ?? undefined}
    />
  );
}

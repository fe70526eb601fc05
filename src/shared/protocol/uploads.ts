import { Type, type Static } from 'typebox';

/** Most files one message may carry. */
export const MAX_ATTACHMENTS = 10;

/** A file sent with a message. Images (sniffed by content) have their pixel size, so the layout is reserved. */
export const Attachment = Type.Object({
  id: Type.String(),
  name: Type.String(),
  size: Type.Integer(),
  mime: Type.String(),
  kind: Type.Union([Type.Literal('image'), Type.Literal('file')]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  /** Removed by the retention policy: the message keeps a placeholder. */
  removed: Type.Boolean(),
  /** A text or source file small enough that `GET /api/files/:id/preview` shows its first lines. */
  textPreview: Type.Optional(Type.Boolean()),
});
export type Attachment = Static<typeof Attachment>;

/** Server-generated: 128 random bits, base64url. */
export const UploadId = Type.String({ minLength: 22, maxLength: 22, pattern: '^[A-Za-z0-9_-]{22}$' });

export const FileIdParams = Type.Object({ id: UploadId });

/** The answer to an upload: one entry per file part, in the order they were sent. */
export const UploadResult = Type.Object({ uploads: Type.Array(Attachment) });
export type UploadResult = Static<typeof UploadResult>;

export const UploadLimits = Type.Object({
  maxUploadBytes: Type.Integer(),
  maxAttachments: Type.Integer(),
});
export type UploadLimits = Static<typeof UploadLimits>;

export const TextPreview = Type.Object({
  /** The first lines of the file, at most PREVIEW_MAX_LINES. */
  text: Type.String(),
  /** True when the file goes on past what `text` holds. */
  truncated: Type.Boolean(),
});
export type TextPreview = Static<typeof TextPreview>;

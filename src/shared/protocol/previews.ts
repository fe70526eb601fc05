import { Type, type Static } from 'typebox';

/** Lines of a source file a link points at (Bitbucket Cloud or Server), for a code block with line numbers. */
export const SourcePreview = Type.Object({
  path: Type.String(),
  /** A highlight.js language name guessed from the file name, or null for plain text. */
  language: Type.Union([Type.String(), Type.Null()]),
  /** The number of `lines[0]` in the file (1-based). */
  firstLine: Type.Integer({ minimum: 1 }),
  lines: Type.Array(Type.String()),
  /** The linked range (inclusive, file line numbers), or null when the link named no lines. */
  highlight: Type.Union([Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }), Type.Null()]),
});
export type SourcePreview = Static<typeof SourcePreview>;

/** A link preview the server fetched for a URL in a message. */
export const LinkPreview = Type.Object({
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  /** The preview image, served through the server (never fetched by the browser from the third party). */
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  /** The image's size in pixels, so the client reserves its box before it loads. */
  imageWidth: Type.Optional(Type.Integer({ minimum: 1 })),
  imageHeight: Type.Optional(Type.Integer({ minimum: 1 })),
  source: Type.Optional(Type.Union([SourcePreview, Type.Null()])),
});
export type LinkPreview = Static<typeof LinkPreview>;

export const PreviewImageParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) });
export type PreviewImageParams = Static<typeof PreviewImageParams>;

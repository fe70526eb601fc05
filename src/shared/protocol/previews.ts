import { Type, type Static } from 'typebox';

/** A link preview the server fetched for a URL in a message. */
export const LinkPreview = Type.Object({
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  /** The preview image, served through the server (never fetched by the browser from the third party). */
  imageUrl: Type.Union([Type.String(), Type.Null()]),
});
export type LinkPreview = Static<typeof LinkPreview>;

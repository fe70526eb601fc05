import { Type, type Static } from 'typebox';

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
});
export type Attachment = Static<typeof Attachment>;

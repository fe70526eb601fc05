// Profiles: an uploaded avatar and a chosen colour per user (docs/api.md, "Profile").
//
// - avatar_version: the current picture, stored as avatars/<id>-<version>.webp; NULL shows initials.
// - avatar_uploads: how many pictures this user ever uploaded. Each upload's version is the next count, so a
//   version is never reused, not even after a removal: the picture's address can be cached forever.
// - colour: a palette key (src/shared/domain/palette.ts); NULL is the colour derived from the id.
export default /* sql */ `
ALTER TABLE users ADD COLUMN avatar_version INTEGER;
ALTER TABLE users ADD COLUMN avatar_uploads INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN colour TEXT;
`;

import { Type, type Static } from 'typebox';
import { UserSummary } from './conversations.js';

/** The largest avatar upload accepted (the web app sends a 128×128 image, a few kilobytes). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Side of the square WebP the server stores and serves. */
export const AVATAR_SIZE = 128;

/** A key of the palette (src/shared/domain/palette.ts), or null for the colour derived from the user id. */
export const SetColourRequest = Type.Object(
  { colour: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]) },
  { additionalProperties: false },
);
export type SetColourRequest = Static<typeof SetColourRequest>;

/** Where a user's current avatar is served; the version makes the address change with the picture. */
export function avatarPath(userId: number, version: number): string {
  return `/api/avatars/${userId}/${version}`;
}

/** The answer to every profile change: the person as everyone will now see them. */
export const ProfileResult = Type.Object({ user: UserSummary });
export type ProfileResult = Static<typeof ProfileResult>;

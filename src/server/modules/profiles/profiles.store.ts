import type { UserSummary } from '../../../shared/protocol/conversations.js';

// What profiles need from storage: the avatar version and the colour on the user's row.

export interface ProfileStore {
  /** The user as every client knows them; null if there is no such id. */
  getUserSummary(userId: number): Promise<UserSummary | null>;
  /**
   * Makes the next version the current avatar; null (nothing changed) for a deleted or unknown account. The
   * version is one past every earlier upload of this user, so an address once served never shows another picture.
   */
  advanceAvatar(userId: number): Promise<{ version: number; previous: number | null } | null>;
  /** Back to initials; returns the version that was shown, null if there was none. */
  clearAvatar(userId: number): Promise<number | null>;
  /** False for a deleted or unknown account. */
  setColour(userId: number, colour: string | null): Promise<boolean>;
}

import { isPaletteKey } from '../../../shared/domain/palette.js';
import type { UserSummary } from '../../../shared/protocol/conversations.js';
import { AppError } from '../../lib/app-error.js';
import type { EventBus } from '../../realtime/event-bus.js';
import type { AvatarFiles } from './avatar-files.js';
import { reencodeAvatar } from './avatar-image.js';
import type { ProfileStore } from './profiles.store.js';

/**
 * How a person looks to everyone else: an uploaded avatar (or initials) and a colour. Every change is announced to
 * everyone, since any user may appear in any list (authors, members, the user picker).
 */
export function createProfileService(deps: { store: ProfileStore; files: AvatarFiles; bus: EventBus }) {
  const { store, files, bus } = deps;

  async function announce(userId: number): Promise<UserSummary> {
    const user = await store.getUserSummary(userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    bus.publish({ everyone: true }, { type: 'user.updated', user });
    return user;
  }

  return {
    /** Validates by content and re-encodes before anything is stored; the old picture goes once the new one is current. */
    async setAvatar(userId: number, bytes: Buffer): Promise<UserSummary> {
      const picture = await reencodeAvatar(bytes);
      const staged = await files.stage(picture);
      let advanced: Awaited<ReturnType<ProfileStore['advanceAvatar']>>;
      try {
        advanced = await store.advanceAvatar(userId);
        if (!advanced) throw new AppError('NOT_FOUND', 'No such user.');
        await staged.keep(userId, advanced.version);
      } catch (err) {
        await staged.discard();
        throw err;
      }
      if (advanced.previous !== null) await files.remove(userId, advanced.previous);
      // Two uploads at once: the later one may already have replaced this version (and found no file to remove).
      const user = await announce(userId);
      if (user.avatarVersion !== advanced.version) await files.remove(userId, advanced.version);
      return user;
    },

    async removeAvatar(userId: number): Promise<UserSummary> {
      const previous = await store.clearAvatar(userId);
      if (previous === null) return (await store.getUserSummary(userId)) ?? announce(userId);
      await files.remove(userId, previous);
      return announce(userId);
    },

    async setColour(userId: number, colour: string | null): Promise<UserSummary> {
      if (colour !== null && !isPaletteKey(colour)) throw new AppError('BAD_REQUEST', `"${colour}" is not one of the colours on offer.`);
      if (!(await store.setColour(userId, colour))) throw new AppError('NOT_FOUND', 'No such user.');
      return announce(userId);
    },

    /** The picture at this exact version, or null: a replaced or removed one is gone for good. */
    async readAvatar(userId: number, version: number): Promise<Buffer | null> {
      const user = await store.getUserSummary(userId);
      if (!user || user.avatarVersion !== version) return null;
      return files.read(userId, version);
    },

    /** A deleted account: its pictures leave the disk (the row was already cleared), and everyone learns it. */
    async forgetUser(userId: number): Promise<void> {
      await files.removeAllOf(userId);
      await announce(userId);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;

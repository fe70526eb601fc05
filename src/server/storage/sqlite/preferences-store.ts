import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/protocol/preferences.js';
import type { PreferenceStore } from '../../modules/preferences/preferences.store.js';
import type { SqliteDatabase } from './database.js';
import type { WriteQueue } from './write-queue.js';

interface PreferenceRow {
  desktop_notifications: number;
  sounds: number;
  notify_while_focused: number;
  swap_enter: number;
}

const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/** A NULL keeps the column as it is (or the default, for a new row). */
interface FlagChanges {
  userId: number;
  desktop: number | null;
  sounds: number | null;
  focused: number | null;
  swap: number | null;
}

export function createSqlitePreferenceStore(db: SqliteDatabase, queue: WriteQueue): PreferenceStore {
  const d = DEFAULT_PREFERENCES;
  const q = {
    row: db.prepare<[number], PreferenceRow>(
      'SELECT desktop_notifications, sounds, notify_while_focused, swap_enter FROM user_preferences WHERE user_id = ?',
    ),
    mutes: db.prepare<[number], { conversation_id: number; mute_mentions: number }>(
      'SELECT conversation_id, mute_mentions FROM conversation_mutes WHERE user_id = ? ORDER BY conversation_id',
    ),
    upsert: db.prepare<[FlagChanges]>(
      `INSERT INTO user_preferences (user_id, desktop_notifications, sounds, notify_while_focused, swap_enter)
       VALUES (@userId, coalesce(@desktop, ${flag(d.desktopNotifications)}), coalesce(@sounds, ${flag(d.sounds)}),
               coalesce(@focused, ${flag(d.notifyWhileFocused)}), coalesce(@swap, ${flag(d.swapEnter)}))
       ON CONFLICT (user_id) DO UPDATE SET
         desktop_notifications = coalesce(@desktop, desktop_notifications),
         sounds = coalesce(@sounds, sounds),
         notify_while_focused = coalesce(@focused, notify_while_focused),
         swap_enter = coalesce(@swap, swap_enter)`,
    ),
    mute: db.prepare<[number, number, number]>(
      `INSERT INTO conversation_mutes (user_id, conversation_id, mute_mentions) VALUES (?, ?, ?)
       ON CONFLICT (user_id, conversation_id) DO UPDATE SET mute_mentions = excluded.mute_mentions`,
    ),
    unmute: db.prepare<[number, number]>('DELETE FROM conversation_mutes WHERE user_id = ? AND conversation_id = ?'),
  };

  function read(userId: number): Preferences {
    const row = q.row.get(userId);
    return {
      desktopNotifications: row ? row.desktop_notifications === 1 : d.desktopNotifications,
      sounds: row ? row.sounds === 1 : d.sounds,
      notifyWhileFocused: row ? row.notify_while_focused === 1 : d.notifyWhileFocused,
      swapEnter: row ? row.swap_enter === 1 : d.swapEnter,
      mutedConversations: q.mutes.all(userId).map((m) => ({ conversationId: m.conversation_id, muteMentions: m.mute_mentions === 1 })),
    };
  }

  return {
    getPreferences: async (userId) => read(userId),
    updatePreferences: (userId, changes) =>
      queue.run(() => {
        q.upsert.run({
          userId,
          desktop: flag(changes.desktopNotifications),
          sounds: flag(changes.sounds),
          focused: flag(changes.notifyWhileFocused),
          swap: flag(changes.swapEnter),
        });
        return read(userId);
      }),
    mute: (userId, conversationId, muteMentions) =>
      queue.run(() => {
        q.mute.run(userId, conversationId, muteMentions ? 1 : 0);
        return read(userId);
      }),
    unmute: (userId, conversationId) =>
      queue.run(() => {
        q.unmute.run(userId, conversationId);
        return read(userId);
      }),
  };
}

// What account administration and self-deletion need from storage, beyond the auth stores.

/** One account as the admin's `minimost users list` shows it. */
export interface AccountSummary {
  id: number;
  username: string;
  createdAt: number;
  /** Latest use of any of its sessions; null when signed out everywhere. */
  lastSeenAt: number | null;
  deactivatedAt: number | null;
  deletedAt: number | null;
  /** Messages it wrote that are not deleted. */
  messages: number;
}

export interface AccountStore {
  listAccounts(): Promise<AccountSummary[]>;
  /** Marks the account deactivated and ends its sessions, in one step; `changed` is false if it already was. */
  deactivate(userId: number, now: number): Promise<{ changed: boolean; sessionsEnded: number }>;
  /** Lifts a deactivation; false if the account was not deactivated. */
  reactivate(userId: number): Promise<boolean>;
  /**
   * Deletes the account but keeps its row, so its id is never handed out again and its messages keep an author:
   * the name is freed (and replaced), the password made unusable, sessions, reset links and the presence choice go.
   */
  markDeleted(userId: number, now: number): Promise<void>;
}

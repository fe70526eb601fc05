import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './cleanup.js';
import { insertMessagesInBulk, openForSeeding, seededRandom, seedUsers, type SeededUser } from './seed.js';
import { startServer } from './server.js';

/*
 * Scenario 8's team, written straight into a stopped server's database like lib/seed.ts does: everyone in the
 * public channels (as MiniMost always has it), private channels from a handful of people to a couple of hundred,
 * DMs between random pairs, and some history in every conversation so that scrolling and search read real rows.
 * Everyone starts caught up (read position at each conversation's end), as people who use the app every day are.
 */

export const PUBLIC_CHANNELS = ['general', 'random', 'announcements', 'engineering', 'support', 'sales', 'design', 'ops'];

export interface TeamOptions {
  users: number;
  /** Messages already in each public channel, private channel and DM. */
  history: { public: number; private: number; dm: number };
  seed: number;
}

export interface Team {
  dir: string;
  users: SeededUser[];
  publicChannels: number;
  privateChannels: number;
  /** Members of the smallest, median and largest private channel. */
  privateSizes: [number, number, number];
  dms: number;
  messages: number;
  seedSeconds: number;
}

const WORDS = (
  'the a to and we is it for on deploy build review merge branch test fix bug release server client query index ' +
  'latency cache lunch meeting today tomorrow please thanks ok looks good ship it rollback config docs issue ticket ' +
  'customer backup disk memory cpu graph alert pager coffee standup retro sprint roadmap design api schema invoice ' +
  'quarter demo slides launch hotfix incident postmortem onboarding vacation'
).split(' ');

/** Words for posts and searches: the same vocabulary the seeded history uses, so searches find something. */
export const TEAM_WORDS: readonly string[] = WORDS;

export function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  return out.join(' ');
}

export async function seedTeam(o: TeamOptions): Promise<Team> {
  const random = seededRandom(o.seed);
  const dir = makeTempDir('users');
  writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify({ channels: PUBLIC_CHANNELS }, null, 2)}\n`, { mode: 0o600 });
  const first = await startServer(dir);
  await first.stop();

  const startedAt = performance.now();
  const users = await seedUsers(dir, o.users, 'user');
  const ids = users.map((u) => u.id);
  const db = openForSeeding(dir);
  let messages = 0;
  const privateMemberCounts: number[] = [];
  let dms = 0;
  try {
    const now = Date.now();
    const conversations: { id: number; members: number[]; messages: number }[] = db
      .prepare<[], { id: number }>("SELECT id FROM conversations WHERE kind = 'public'")
      .all()
      .map(({ id }) => ({ id, members: ids, messages: o.history.public }));
    const createPrivate = db.prepare<[string, number, number], { id: number }>(
      "INSERT INTO conversations (kind, name, created_by, created_at) VALUES ('private', ?, ?, ?) RETURNING id",
    );
    const createDm = db.prepare<[string, number], { id: number }>("INSERT INTO conversations (kind, dm_key, created_at) VALUES ('dm', ?, ?) RETURNING id");
    const join = db.prepare<[number, number, number]>('INSERT INTO memberships (conversation_id, user_id, joined_at, history_from_seq, read_seq) VALUES (?, ?, ?, 0, 0)');
    const pickUsers = (count: number) => {
      const chosen = new Set<number>();
      while (chosen.size < count) chosen.add(ids[Math.floor(random() * ids.length)] as number);
      return [...chosen];
    };
    db.transaction(() => {
      // One private channel per 25 people; sizes skewed small (3–200), as teams and projects are.
      const privateCount = Math.max(4, Math.round(o.users / 25));
      for (let i = 0; i < privateCount; i++) {
        const members = pickUsers(Math.min(o.users, 3 + Math.floor(197 * random() ** 3)));
        const { id } = createPrivate.get(`team-${i + 1}`, members[0] as number, now) as { id: number };
        for (const member of members) join.run(id, member, now);
        conversations.push({ id, members, messages: o.history.private });
        privateMemberCounts.push(members.length);
      }
      // Two DMs per person on average, so each takes part in about four.
      const pairs = new Set<string>();
      for (let i = 0; i < o.users * 2 && o.users > 1; i++) {
        const [a, b] = pickUsers(2).sort((x, y) => x - y) as [number, number];
        const key = `${a},${b}`;
        if (pairs.has(key)) continue;
        pairs.add(key);
        const { id } = createDm.get(key, now) as { id: number };
        join.run(id, a, now);
        join.run(id, b, now);
        conversations.push({ id, members: [a, b], messages: o.history.dm });
      }
      dms = pairs.size;
    })();

    const update = db.prepare<[number, number, number]>('UPDATE conversations SET last_seq = ?, last_message_at = ? WHERE id = ?');
    insertMessagesInBulk(db, (insert) => {
      for (const c of conversations) {
        const start = now - c.messages * 60_000;
        for (let seq = 1; seq <= c.messages; seq++) {
          const author = c.members[Math.floor(random() * c.members.length)] as number;
          // Mattermost's createPost: 1–69 words, 35 on average.
          insert.run(c.id, seq, seq, author, sentence(random, 1 + Math.floor(random() * 69)), `seed-${c.id}-${seq}`, start + seq * 60_000);
        }
        update.run(c.messages, start + c.messages * 60_000, c.id);
        messages += c.messages;
      }
    });
    db.exec('UPDATE memberships SET read_seq = (SELECT last_seq FROM conversations c WHERE c.id = memberships.conversation_id)');
  } finally {
    db.close();
  }
  const sorted = [...privateMemberCounts].sort((a, b) => a - b);
  return {
    dir,
    users,
    publicChannels: PUBLIC_CHANNELS.length,
    privateChannels: sorted.length,
    privateSizes: [sorted[0] ?? 0, sorted[Math.floor(sorted.length / 2)] ?? 0, sorted[sorted.length - 1] ?? 0],
    dms,
    messages,
    seedSeconds: (performance.now() - startedAt) / 1000,
  };
}

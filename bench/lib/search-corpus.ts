import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './cleanup.js';
import { insertMessagesInBulk, openForSeeding, SEARCH_TABLES, seededRandom, seedUsers, type SeededUser } from './seed.js';
import { startServer } from './server.js';

/*
 * The search scenario's data: many channels (public and private), many users, and text from a generated
 * vocabulary with a Zipf-like word frequency, all reproducible from one seed. Written straight into a stopped
 * server's database like lib/seed.ts does (the search index filled by the migration's own backfill statement after
 * the rows), then checked: every eligible message must be in
 * both FTS5 indexes.
 */

export interface CorpusOptions {
  messages: number;
  publicChannels: number;
  privateChannels: number;
  users: number;
  seed: number;
}

export interface CorpusWord {
  word: string;
  /** Messages containing it as a whole word, counted while generating (trigram matches inside words can add more). */
  messages: number;
}

export interface SearchCorpus {
  dir: string;
  options: CorpusOptions;
  users: SeededUser[];
  /** Member of the public channels only (no private channel), created last. */
  newcomer: SeededUser;
  publicNames: string[];
  privateNames: string[];
  /** Words picked for the queries, with their frequencies. */
  common: CorpusWord;
  rare: CorpusWord;
  privateCommon: CorpusWord & { publicMessages: number };
  typoOf: CorpusWord;
  /** `typoOf` with one letter replaced, not itself a word of the vocabulary. */
  typo: string;
  phrase: string;
  vocabulary: number;
  seedSeconds: number;
  indexSeconds: number;
  check: { eligible: number; textIndexed: number; wordIndexed: number; sampled: number; sampleMisses: number };
}

/** Frequent short words of English chat, ranked first; everything else is generated. */
const FUNCTION_WORDS = (
  'the to and a of is in it for on that we i you this with be can do not have are at so if just but it\'s ' +
  'was will what from as or by me my there about all up out now get one they when how should would see ok yes no'
).split(' ');

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'dr', 'gr', 'pl', 'sh', 'st', 'th', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'ck', 'nd', 'st'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** `size` distinct made-up words of 1–4 syllables, in a random order that becomes their frequency rank. */
function generateWords(random: () => number, size: number, avoid: Set<string>): string[] {
  const words: string[] = [];
  const seen = new Set(avoid);
  while (words.length < size) {
    const syllables = 1 + Math.floor(random() * random() * 4) + (random() < 0.6 ? 1 : 0);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(random, ONSETS) + pick(random, VOWELS) + (s === syllables - 1 ? pick(random, CODAS) : '');
    if (word.length < 3 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

/** Samples ranks 0…n−1 with probability ∝ 1 / (rank + 1)^s. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** s;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const VOCABULARY_SIZE = 30_000;
/** Words said only in private channels (a project's code names), one set per channel plus a shared set. */
const PRIVATE_WORDS_PER_CHANNEL = 4;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export async function buildSearchCorpus(o: CorpusOptions): Promise<SearchCorpus> {
  const random = seededRandom(o.seed);
  const dir = makeTempDir('search');
  const publicNames = Array.from({ length: o.publicChannels }, (_, i) => `channel${i + 1}`);
  const privateNames = Array.from({ length: o.privateChannels }, (_, i) => `private${i + 1}`);
  // The public channels come from settings.json (read at start; missing keys keep their defaults).
  writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify({ channels: publicNames }, null, 2)}\n`, { mode: 0o600 });
  const first = await startServer(dir);
  await first.stop();

  const startedAt = performance.now();
  const users = await seedUsers(dir, o.users, 'user');
  const [newcomer] = await seedUsers(dir, 1, 'newcomer');
  if (!newcomer) throw new Error('no newcomer');

  const vocabulary = [...FUNCTION_WORDS, ...generateWords(random, VOCABULARY_SIZE, new Set(FUNCTION_WORDS))];
  const vocabularySet = new Set(vocabulary);
  const privateWords = generateWords(random, PRIVATE_WORDS_PER_CHANNEL * o.privateChannels, vocabularySet).filter((w) => w.length >= 5);
  const nextWord = zipfSampler(vocabulary.length, 1.05, random);
  const nextUser = zipfSampler(o.users, 0.7, random); // a few people write most
  const wordCounts = new Uint32Array(vocabulary.length);
  const privateCounts = new Map<string, { priv: number; pub: number }>(privateWords.map((w) => [w, { priv: 0, pub: 0 }]));

  const db = openForSeeding(dir);
  let indexSeconds = 0;
  let phrase = '';
  try {
    const now = Date.now();
    const start = now - YEAR_MS;
    const channelIds = new Map<string, number>(
      db.prepare<[], { id: number; name: string }>("SELECT id, name FROM conversations WHERE kind = 'public'").all().map((r) => [r.name, r.id]),
    );
    const publicIds = publicNames.map((n) => {
      const id = channelIds.get(n);
      if (id === undefined) throw new Error(`#${n} was not created from settings.json`);
      return id;
    });
    const createPrivate = db.prepare<[string, number, number], { id: number }>(
      "INSERT INTO conversations (kind, name, created_by, created_at) VALUES ('private', ?, ?, ?) RETURNING id",
    );
    const join = db.prepare<[number, number, number]>('INSERT INTO memberships (conversation_id, user_id, joined_at, history_from_seq, read_seq) VALUES (?, ?, ?, 0, 0)');
    // Private channels: 8–40 members each, never the newcomer.
    const privateMembers: number[][] = [];
    const privateIds = db.transaction(() =>
      privateNames.map((name) => {
        const size = 8 + Math.floor(random() * 33);
        const members = new Set<number>();
        while (members.size < size) members.add((users[Math.floor(random() * users.length)] as SeededUser).id);
        const list = [...members];
        const { id } = createPrivate.get(name, list[0] as number, start) as { id: number };
        for (const member of list) join.run(id, member, start);
        privateMembers.push(list);
        return id;
      }),
    )();

    // Channel activity: public channels ∝ 1/rank^0.8 (a few busy ones), 20 % of all messages in private ones.
    const publicWeights = publicIds.map((_, i) => 1 / (i + 1) ** 0.8);
    const publicTotal = publicWeights.reduce((a, b) => a + b, 0);
    const publicCumulative: number[] = [];
    publicWeights.reduce((sum, w) => (publicCumulative.push((sum + w) / publicTotal), sum + w), 0);
    const seqs = new Map<number, number>([...publicIds, ...privateIds].map((id) => [id, 0]));

    const seen = new Uint32Array(vocabulary.length); // message number + 1 that last counted a word
    const phraseAt = Math.floor(o.messages / 2);
    indexSeconds = insertMessagesInBulk(db, (insert) => {
      for (let i = 0; i < o.messages; i++) {
        let conversation: number;
        let author: number;
        const isPrivate = privateIds.length > 0 && random() < 0.2;
        let privateIndex = -1;
        if (isPrivate) {
          privateIndex = Math.floor(random() * privateIds.length);
          conversation = privateIds[privateIndex] as number;
          author = pick(random, privateMembers[privateIndex] as number[]);
        } else {
          const x = random();
          let c = 0;
          while ((publicCumulative[c] as number) < x && c < publicIds.length - 1) c++;
          conversation = publicIds[c] as number;
          author = (users[nextUser()] as SeededUser).id;
        }
        const length = 3 + Math.floor(random() * random() * 40);
        const words: string[] = [];
        for (let w = 0; w < length; w++) {
          const rank = nextWord();
          words.push(vocabulary[rank] as string);
          if (seen[rank] !== i + 1) {
            seen[rank] = i + 1;
            wordCounts[rank] = (wordCounts[rank] as number) + 1;
          }
        }
        // Code names: in 40 % of a private channel's messages, one of its own words; very rarely leaked in public.
        if (isPrivate && random() < 0.4) {
          const word = privateWords[(privateIndex * PRIVATE_WORDS_PER_CHANNEL + Math.floor(random() * PRIVATE_WORDS_PER_CHANNEL)) % privateWords.length] as string;
          words.splice(Math.floor(random() * words.length), 0, word);
          (privateCounts.get(word) as { priv: number }).priv++;
        } else if (!isPrivate && random() < 0.0005) {
          const word = pick(random, privateWords);
          words.push(word);
          (privateCounts.get(word) as { pub: number }).pub++;
        }
        if (!phrase && !isPrivate && i >= phraseAt && words.length >= 4) phrase = words.slice(1, 4).join(' '); // three adjacent words of a public message
        const seq = (seqs.get(conversation) as number) + 1;
        seqs.set(conversation, seq);
        insert.run(conversation, seq, seq, author, words.join(' '), `seed-${i}`, start + Math.floor((i * YEAR_MS) / o.messages));
      }
    });
    const update = db.prepare<[number, number, number]>('UPDATE conversations SET last_seq = ?, last_message_at = ? WHERE id = ?');
    db.transaction(() => seqs.forEach((seq, id) => update.run(seq, now, id)))();
  } finally {
    db.close();
  }
  const seedSeconds = (performance.now() - startedAt) / 1000;

  // Query words: the most frequent made-up word of 5+ letters, one seen in ~0.005 % of messages, a 6+ letter
  // word of middling frequency for the typo, and the code name most used in private channels.
  const ranked = vocabulary.map((word, rank) => ({ word, messages: wordCounts[rank] as number })).slice(FUNCTION_WORDS.length);
  const common = ranked.filter((w) => w.word.length >= 5).sort((a, b) => b.messages - a.messages)[0] as CorpusWord;
  const rareTarget = Math.max(3, Math.round(o.messages * 0.00005));
  const rare = ranked.filter((w) => w.word.length >= 6 && w.messages > 0).sort((a, b) => Math.abs(a.messages - rareTarget) - Math.abs(b.messages - rareTarget))[0] as CorpusWord;
  const typoOf = ranked.filter((w) => w.word.length >= 7 && w.messages >= o.messages * 0.001).sort((a, b) => a.messages - b.messages)[0] ?? common;
  let typo = typoOf.word;
  for (let shift = 1; shift < 26 && (typo === typoOf.word || vocabularySet.has(typo)); shift++) {
    const at = Math.floor(typoOf.word.length / 2);
    const letter = String.fromCharCode(97 + ((typoOf.word.charCodeAt(at) - 97 + shift) % 26));
    typo = typoOf.word.slice(0, at) + letter + typoOf.word.slice(at + 1);
  }
  const [privateWord, privateCount] = [...privateCounts.entries()].sort((a, b) => b[1].priv - a[1].priv)[0] as [string, { priv: number; pub: number }];

  return {
    dir,
    options: o,
    users,
    newcomer,
    publicNames,
    privateNames,
    common,
    rare,
    privateCommon: { word: privateWord, messages: privateCount.priv + privateCount.pub, publicMessages: privateCount.pub },
    typoOf,
    typo,
    phrase,
    vocabulary: vocabulary.length,
    seedSeconds,
    indexSeconds,
    check: checkIndexes(dir),
  };
}

/**
 * The index must be complete: as many entries in each FTS5 index as eligible messages, and a sample of messages
 * found by a word of their own text through each index.
 */
function checkIndexes(dir: string): SearchCorpus['check'] {
  const db = openForSeeding(dir);
  try {
    const eligible = (db.prepare("SELECT count(*) AS n FROM messages WHERE kind = 'user' AND body IS NOT NULL AND deleted_at IS NULL").get() as { n: number }).n;
    const [textIndexed, wordIndexed] = SEARCH_TABLES.map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n) as [number, number];
    const maxId = (db.prepare('SELECT max(id) AS n FROM messages').get() as { n: number }).n;
    const random = seededRandom(7);
    const byId = db.prepare<[number], { id: number; body: string }>("SELECT id, body FROM messages WHERE id >= ? AND kind = 'user' AND body IS NOT NULL ORDER BY id LIMIT 1");
    const found = SEARCH_TABLES.map((t) => db.prepare<[string, number]>(`SELECT 1 FROM ${t} WHERE ${t} MATCH ? AND rowid = ?`));
    let sampled = 0;
    let sampleMisses = 0;
    for (let i = 0; i < 200; i++) {
      const row = byId.get(1 + Math.floor(random() * maxId));
      if (!row) continue;
      const word = row.body.split(' ').find((w) => w.length >= 4 && !w.includes("'"));
      if (!word) continue;
      sampled++;
      if (found.some((statement) => statement.get(`"${word}"`, row.id) === undefined)) sampleMisses++;
    }
    return { eligible, textIndexed, wordIndexed, sampled, sampleMisses };
  } finally {
    db.close();
  }
}

export interface IndexSize {
  textBytes: number;
  messagesTableBytes: number;
  textIndexBytes: number;
  wordIndexBytes: number;
  fileBytes: number;
}

/** Bytes of message text (UTF-8) against the pages (dbstat) of each FTS5 index's shadow tables. */
export function measureIndexSize(dir: string): IndexSize {
  const db = openForSeeding(dir);
  try {
    const pages = db.prepare<[string], { bytes: number | null }>('SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = ? AND aggregate = TRUE');
    const tableBytes = (prefix: string) =>
      db
        .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE name LIKE ? || '%' AND type IN ('table', 'index')")
        .all(prefix)
        .reduce((sum, { name }) => sum + (pages.get(name)?.bytes ?? 0), 0);
    const textBytes = (db.prepare("SELECT sum(length(CAST(body AS BLOB))) AS n FROM messages WHERE kind = 'user' AND body IS NOT NULL").get() as { n: number }).n;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    return {
      textBytes,
      messagesTableBytes: pages.get('messages')?.bytes ?? 0,
      textIndexBytes: tableBytes('message_text_index_'),
      wordIndexBytes: tableBytes('message_word_index_'),
      fileBytes: pageSize * pageCount,
    };
  } finally {
    db.close();
  }
}

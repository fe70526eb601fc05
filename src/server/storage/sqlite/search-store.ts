import type BetterSqlite3 from 'better-sqlite3';
import type { ConversationKind } from '../../../shared/protocol/conversations.js';
import {
  SEARCH_TIERS,
  type MessageSearch,
  type SearchHit,
  type SearchPosition,
  type SearchStore,
} from '../../modules/search/search.store.js';
import type { SqliteDatabase } from './database.js';
import { toMessage } from './messages-store.js';
import { planTiers, type TierPlan } from './search-match.js';
import { authorCountSql, countSql, filterParams, perRowChecks, tierParams, tierSql, type Walk } from './search-sql.js';
import { typoCandidate, typoVariants } from './typo-variants.js';

type HitRow = Parameters<typeof toMessage>[0] & {
  viewer_history_from_seq: number;
  conversation_kind: ConversationKind;
  conversation_name: string | null;
  author_name: string | null;
};

/** Most typo corrections tried per word (the most used ones), and words corrected per query: bounded work. */
const MAX_SIMILAR_PER_WORD = 8;
const MAX_CORRECTED_WORDS = 4;
/** When the filters leave at most this many messages, walking them (each checked against up to both indexes, ~200 units) beats walking an index's matches. */
const FEW_MESSAGES = 40;
/**
 * The work one page may do, in units of about a microsecond of one core at a million messages (ROW_COST per
 * candidate walked, CHECK_COST per row checked against the other index): about 20 ms, so that with the rest of
 * the request a page is answered within the 30 ms the search target allows. When most matches are filtered out
 * (a narrow date, other people's conversations, a rare combination), a page returns what it found with a cursor
 * to carry on, rather than holding up the server; "Load more" continues from there. Counted in units, not time,
 * so the same query gives the same pages on a busy machine; WALK_TIME_MS is only a backstop.
 */
const WALK_UNITS = 20_000;
const WALK_TIME_MS = 150;
/** The first window of a walk, in work units; the next ones grow fourfold while the budget allows. */
const FIRST_WINDOW = 2_000;
/**
 * A page that has walked does not start a window for less than this: each statement has a fixed cost (FTS5 sets
 * up its iterators, a from: walk its authors' ids) that crumbs of budget would mostly spend on that.
 */
const MIN_WINDOW = 1_000;
/**
 * A candidate walked and joined to its message and the searcher's membership: ~1.5 µs from the word index or the
 * messages, 2-4 µs from the trigram index (its matches are phrases of trigrams, positions compared per row; the
 * more common the trigrams, the more), counted at the upper end.
 */
const ROW_COST: Record<Walk, number> = { messages: 1.5, words: 1.5, text: 4 };
/** The same when only the searched authors' messages are looked up (the others are tested against their ids). */
const ROW_COST_BY_AUTHOR: Record<Walk, number> = { messages: 1.5, words: 0.25, text: 1 };
/**
 * from: walks an index's matches against the ids of the authors' messages when they have at most this many in
 * range (setting the ids up costs ~0.2 µs each, per window); beyond, looking each match's message up is no worse.
 */
const AUTHOR_SET_MAX = 30_000;
/**
 * A row checked against the other index: an FTS5 lookup, at a million messages 5-60 µs in the word index and
 * 35-250 µs in the trigram index (the more segments the index has, the more).
 */
const CHECK_COST = { words: 60, text: 150 } as const;
/**
 * A tier whose rows all meet a word-index condition (a phrase's whole words, see narrowPhrase) walks that index
 * instead of the text index when the condition has fewer matches than this in range: a text check per row costs
 * up to CHECK_COST.text, so this many of them stay well below one walk of a phrase's trigrams (20 ms at a million).
 */
const NARROW_MAX = 100;
/** Slack around a time range turned into an id range, for a clock that was stepped back. */
const CLOCK_SLACK_MS = 60 * 60_000;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

export interface SqliteSearchOptions {
  /** Overrides FEW_MESSAGES (tests use 0 and Infinity to run both walks over the same data). */
  fewMessages?: number;
  /** Overrides WALK_UNITS (tests use a tiny one to page through partial pages). */
  walkUnits?: number;
  /** Overrides WALK_TIME_MS. */
  walkTimeMs?: number;
  /** Overrides NARROW_MAX (tests use 0 to walk the text index where a phrase's words could narrow the walk). */
  narrowMax?: number;
  /** Overrides AUTHOR_SET_MAX (tests use -1 to look every match's message up under from:). */
  authorSetMax?: number;
}

let stores = 0;

type Statement<Row = unknown> = BetterSqlite3.Statement<Record<string, unknown>, Row>;
/** Parameters every statement of one search binds: the searcher, the filters, the lowest id in range. */
type Base = Record<string, unknown> & { minId: number };
interface PageBudget {
  units: number;
  deadline: number;
  /** Whether this page has walked a window yet: it always gets one, so every page makes progress. */
  walked: boolean;
}

export function createSqliteSearchStore(db: SqliteDatabase, options: SqliteSearchOptions = {}): SearchStore {
  const fewMessages = options.fewMessages ?? FEW_MESSAGES;
  const walkUnits = options.walkUnits ?? WALK_UNITS;
  const walkTimeMs = options.walkTimeMs ?? WALK_TIME_MS;
  const narrowMax = options.narrowMax ?? NARROW_MAX;
  const authorSetMax = options.authorSetMax ?? AUTHOR_SET_MAX;
  // The statements vary with the query's shape (which tiers, filters, walk): a few dozen at most.
  const statements = new Map<string, Statement>();
  // What the current window's candidates were: counted as they stream out of the index (see tierSql). Named per
  // store, since a connection has one function per name.
  // Candidates walked, the lowest id among them, and the work units of their checks against the other index.
  const walked = { count: 0, lowest: NO_LIMIT, checked: 0 };
  const store = ++stores;
  const counters = { walked: `search_walked_${store}`, checked: `search_checked_${store}` };
  db.function(counters.walked, { deterministic: false }, (id: unknown) => {
    walked.count++;
    walked.lowest = Math.min(walked.lowest, Number(id));
    return id;
  });
  // Rows that reached a check against the other index (see tierSql): only those passing access and filters.
  db.function(counters.checked, { deterministic: false }, (id: unknown, _conversation: unknown, index: unknown) => {
    walked.checked += CHECK_COST[index === 'text' ? 'text' : 'words'];
    return id;
  });
  const q = {
    vocabulary: db.prepare<[string, number], { term: string }>(
      'SELECT term FROM message_words WHERE term IN (SELECT value FROM json_each(?)) ORDER BY doc DESC LIMIT ?',
    ),
    // Two statements: SQLite answers min() or max() alone from the b-tree's edge, but scans for both at once.
    lowestId: db.prepare<[], { id: number | null }>('SELECT min(id) AS id FROM messages'),
    highestId: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM messages'),
    firstFrom: db.prepare<[number], { id: number; created_at: number }>('SELECT id, created_at FROM messages WHERE id >= ? ORDER BY id LIMIT 1'),
    hintCount: db.prepare<{ match: string; minId: number; before: number; cap: number }, { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM message_word_index WHERE message_word_index MATCH :match
         AND rowid >= CAST(:minId AS INTEGER) AND rowid < CAST(:before AS INTEGER) LIMIT :cap)`,
    ),
    channels: db.prepare<[], { id: number; name: string }>("SELECT id, name FROM conversations WHERE kind IN ('public', 'private')"),
    directMessage: db.prepare<{ first: number; members: string }, { id: number }>(
      `SELECT c.id FROM memberships f JOIN conversations c ON c.id = f.conversation_id
       WHERE f.user_id = :first AND c.kind = 'dm' AND c.name IS NULL
         AND (SELECT group_concat(user_id, ',' ORDER BY user_id) FROM memberships WHERE conversation_id = c.id) = :members`,
    ),
  };

  function statement<Row>(sql: string): Statement<Row> {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare<Record<string, unknown>, unknown>(sql);
      statements.set(sql, prepared);
    }
    return prepared as Statement<Row>;
  }

  /** Indexed words one typo away from each long enough term, the most used first. */
  function similarWords(search: MessageSearch): Map<string, string[]> {
    const similar = new Map<string, string[]>();
    const candidates = search.terms.filter((t) => !t.phrase).map((t) => [t.text, typoCandidate(t.text)] as const);
    for (const [text, word] of candidates.filter(([, w]) => w !== null).slice(0, MAX_CORRECTED_WORDS) as [string, string][]) {
      // A correction containing the word itself ("deploys" for "deploy") already matched as a substring.
      const found = q.vocabulary.all(JSON.stringify(typoVariants(word)), MAX_SIMILAR_PER_WORD * 2).map((r) => r.term).filter((w) => !w.includes(word));
      if (found.length > 0) similar.set(text, found.slice(0, MAX_SIMILAR_PER_WORD));
    }
    return similar;
  }

  /**
   * The first message id posted at or after `time`. Ids follow posting time (each message is stamped as its
   * write is queued, and the queue keeps order), so a bisection over the primary key finds it in ~20 lookups.
   */
  function firstIdAt(time: number): number {
    let lo = q.lowestId.get()?.id ?? 0;
    let hi = (q.highestId.get()?.id ?? -1) + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = q.firstFrom.get(mid);
      if (!row || row.created_at >= time) hi = mid;
      else lo = row.id + 1;
    }
    return lo;
  }

  /** The id range a time range can hold, with slack, so a walk starts and stops near it instead of at the ends. */
  function idRange(search: MessageSearch): { minId: number; maxId: number } {
    return {
      minId: search.createdFrom === null ? 0 : firstIdAt(search.createdFrom - CLOCK_SLACK_MS),
      maxId: search.createdBefore === null ? NO_LIMIT : firstIdAt(search.createdBefore + CLOCK_SLACK_MS),
    };
  }

  /** Whether the filters alone leave few enough messages to walk them and check the text of each. */
  function filtersLeaveFew(search: MessageSearch, range: { minId: number; maxId: number }): boolean {
    const filtered = search.authorIds !== null || search.conversationIds !== null || search.createdFrom !== null || search.createdBefore !== null;
    if (!filtered || search.terms.length === 0) return false;
    const counted = statement<{ n: number }>(countSql(search)).get({ ...filterParams(search), ...range, cap: Math.min(fewMessages, NO_LIMIT - 1) + 1 });
    return (counted?.n ?? 0) <= fewMessages;
  }

  /**
   * Whether a walk of an index's matches tests them against the ids of the authors' messages (see tierSql): null if
   * not, else the share of the messages in range that are theirs (the share of matches expected to be looked up).
   */
  function authorShare(search: MessageSearch, range: { minId: number; maxId: number }): number | null {
    if (search.authorIds === null || search.terms.length === 0) return null;
    if (authorSetMax < 0) return null;
    const counted = statement<{ n: number }>(authorCountSql(search.authorIds)).get({ ...filterParams(search), ...range, cap: authorSetMax + 1 });
    const n = counted?.n ?? 0;
    if (n > authorSetMax) return null;
    const highest = Math.min(range.maxId, (q.highestId.get()?.id ?? 0) + 1);
    return Math.min(1, n / Math.max(1, highest - Math.max(range.minId, q.lowestId.get()?.id ?? 0)));
  }

  /** The plan to walk: the word index narrowed by the tier's hint when that leaves few rows (same rows either way). */
  function narrowed(plan: TierPlan, minId: number, before: number): TierPlan {
    if (plan.wordsHint === null || plan.drive !== 'text' || narrowMax <= 0) return plan;
    const count = q.hintCount.get({ match: plan.wordsHint, minId, before, cap: narrowMax })?.n ?? narrowMax;
    if (count >= narrowMax) return plan;
    const pos = plan.words.pos === null ? plan.wordsHint : `(${plan.words.pos}) AND (${plan.wordsHint})`;
    return { ...plan, drive: 'words', words: { ...plan.words, pos } };
  }

  /**
   * One tier, newest first from `before`, a window of candidates at a time (growing while the budget allows),
   * until `room` rows are found (one more tells that the tier goes on), the tier ends, or the page's budget is
   * spent. Returns the rows and, unless the tier was walked to its end, where the next page resumes.
   */
  function walkTier(plan: TierPlan, walk: Walk, byAuthor: number | null, search: MessageSearch, base: Base, before: number, room: number, budget: PageBudget) {
    const params = { ...base, ...tierParams(plan, walk) };
    const sql = tierSql(plan, walk, search, counters, byAuthor !== null);
    const rowCost = (byAuthor === null ? ROW_COST : ROW_COST_BY_AUTHOR)[walk];
    const rows: HitRow[] = [];
    let top = before;
    // Work per candidate: at first as if every one were checked against the other index (on a from: walk, the
    // authors' share of them); then as observed (only candidates that pass access and filters are checked). Time
    // per unit is this tier's own: a statement's fixed cost differs from tier to tier, and one tier's pace would
    // size another's windows wrongly.
    let cost = rowCost + perRowChecks(plan, walk).reduce((sum, index) => sum + CHECK_COST[index], 0) * (byAuthor ?? 1);
    let msPerUnit: number | null = null;
    for (let units = FIRST_WINDOW; ; units *= 4) {
      const started = performance.now();
      if (budget.walked && (budget.units < MIN_WINDOW || started > budget.deadline)) return { rows, resumeAt: top };
      // As many candidates as the budget allows, and no more than the time left allows at the pace so far.
      const byTime = msPerUnit === null ? Infinity : (budget.deadline - started) / msPerUnit;
      const cap = Math.max(1, Math.floor(Math.min(units, budget.units, byTime) / cost));
      const wanted = room - rows.length;
      walked.count = 0;
      walked.checked = 0;
      walked.lowest = top;
      const found = statement<HitRow>(sql).all({ ...params, before: top, cap, limit: wanted + 1 });
      const spent = rowCost * walked.count + walked.checked;
      budget.walked = true;
      budget.units -= spent;
      msPerUnit = Math.max(performance.now() - started, 0.001) / Math.max(spent, 1);
      if (walked.count > 0) cost = Math.max(rowCost, spent / walked.count);
      rows.push(...found.slice(0, wanted));
      if (found.length > wanted) return { rows, resumeAt: wanted === 0 ? top : (rows.at(-1) as HitRow).id };
      if (walked.count < cap) return { rows, resumeAt: null };
      top = walked.lowest;
    }
  }

  const toHit = (row: HitRow): SearchHit => ({
    message: toMessage(row),
    conversation: { id: row.conversation_id, kind: row.conversation_kind, name: row.conversation_name },
    authorName: row.author_name,
    historyFromSeq: row.viewer_history_from_seq,
  });

  return {
    /**
     * Walks the tiers best first, each newest first, from where the previous page stopped, until the page is
     * full or its budget spent; typo corrections are looked up only when the walk gets that far.
     */
    async searchMessages(search) {
      const start = search.after;
      const range = idRange(search);
      const walkMessages = filtersLeaveFew(search, range);
      const byAuthor = walkMessages ? null : authorShare(search, range);
      const base: Base = { user: search.userId, minId: range.minId, ...filterParams(search) };
      const budget: PageBudget = { units: walkUnits, deadline: performance.now() + walkTimeMs, walked: false };
      let similar = new Map<string, string[]>();
      const plans = planTiers(search, similar);
      const typoTier = (): TierPlan | undefined => {
        similar = similarWords(search);
        return planTiers(search, similar).find((p) => p.tier === SEARCH_TIERS.similar);
      };

      const rows: HitRow[] = [];
      let next: SearchPosition | null = null;
      for (let i = 0; next === null; i++) {
        const plan = i < plans.length ? plans[i] : i === plans.length ? typoTier() : undefined;
        if (!plan) break;
        if (start && plan.tier < start.tier) continue;
        const before = Math.min(start && plan.tier === start.tier ? start.beforeId : NO_LIMIT, range.maxId);
        const walking = walkMessages ? plan : narrowed(plan, range.minId, before);
        const walk: Walk = walkMessages ? 'messages' : walking.drive;
        // A full page still looks one row into the next tiers, so the last page never offers an empty "Load more".
        const walked = walkTier(walking, walk, byAuthor, search, base, before, search.limit - rows.length, budget);
        rows.push(...walked.rows);
        if (walked.resumeAt !== null) next = { tier: plan.tier, beforeId: walked.resumeAt };
      }
      return { hits: rows.map(toHit), next, similarWords: [...similar.values()].flat() };
    },

    async findChannelIds(name) {
      const wanted = name.toLowerCase();
      return q.channels.all().filter((c) => c.name.toLowerCase() === wanted).map((c) => c.id);
    },

    async findDirectMessageId(memberIds) {
      const ids = [...new Set(memberIds)].sort((a, b) => a - b);
      const row = q.directMessage.get({ first: ids[0] ?? 0, members: ids.join(',') });
      return row?.id ?? null;
    },
  };
}

import type { MessageSearch } from '../../modules/search/search.store.js';
import { matchExpression, type TierPlan } from './search-match.js';

export type Walk = TierPlan['drive'];

const INDEX = { text: 'message_text_index', words: 'message_word_index' } as const;

const COLUMNS = `m.*, p.seq AS p_seq, p.author_id AS p_author_id, p.body AS p_body, p.deleted_at AS p_deleted_at,
  ms.history_from_seq AS viewer_history_from_seq, c.kind AS conversation_kind, c.name AS conversation_name,
  u.username AS author_name`;

/**
 * Access control is part of the query: the join on the searcher's membership row and the conditions beside it
 * are the rules of conversations/access.ts (every user holds a membership row for each public channel; hidden
 * public channels, other people's conversations and messages up to the join point never qualify).
 */
const ACCESS_JOINS = `
  CROSS JOIN memberships ms ON ms.conversation_id = m.conversation_id AND ms.user_id = :user
  CROSS JOIN conversations c ON c.id = m.conversation_id
  LEFT JOIN messages p ON p.id = m.reply_to_id
  LEFT JOIN users u ON u.id = m.author_id`;
const ACCESS_RULES = ['m.deleted_at IS NULL', "m.kind = 'user'", 'm.seq > ms.history_from_seq', "(c.kind <> 'public' OR c.position IS NOT NULL)"];

/** The condition on the author of `alias`. */
function authorRule(authorIds: number[], alias: string): string {
  return authorIds.length === 1 ? `${alias}.author_id = :author` : `${alias}.author_id IN (SELECT value FROM json_each(:authors))`;
}

/** How many messages of the searched authors lie between two ids, counting no further than `:cap` (from their index alone). */
export function authorCountSql(authorIds: number[]): string {
  return `SELECT count(*) AS n FROM (SELECT 1 FROM messages a WHERE ${authorRule(authorIds, 'a')} AND a.id >= :minId AND a.id < :maxId LIMIT :cap)`;
}

/** The conditions of a search's filters (author, conversation, time) on `m`. */
function filterRules(search: MessageSearch): string[] {
  const rules: string[] = [];
  const { authorIds, conversationIds } = search;
  if (authorIds) rules.push(authorRule(authorIds, 'm'));
  if (conversationIds) {
    rules.push(conversationIds.length === 1 ? 'm.conversation_id = :conversation' : 'm.conversation_id IN (SELECT value FROM json_each(:conversations))');
  }
  if (search.createdFrom !== null) rules.push('m.created_at >= :createdFrom');
  if (search.createdBefore !== null) rules.push('m.created_at < :createdBefore');
  return rules;
}

export function filterParams(search: MessageSearch): Record<string, unknown> {
  return {
    author: search.authorIds?.[0] ?? null,
    authors: JSON.stringify(search.authorIds ?? []),
    conversation: search.conversationIds?.[0] ?? null,
    conversations: JSON.stringify(search.conversationIds ?? []),
    createdFrom: search.createdFrom,
    createdBefore: search.createdBefore,
  };
}

/** How many messages the filters leave between two ids, counting no further than `:cap`. */
export function countSql(search: MessageSearch): string {
  const where = ['m.id >= :minId', 'm.id < :maxId', ...filterRules(search)];
  return `SELECT count(*) AS n FROM (SELECT 1 FROM messages m WHERE ${where.join(' AND ')} LIMIT :cap)`;
}

/** The indexes a walk checks each row against (none, one or both). */
export function perRowChecks(plan: TierPlan, walk: Walk): ('text' | 'words')[] {
  return (['text', 'words'] as const).filter((index) => index !== walk && matchExpression(plan[index]) !== null);
}

/** The MATCH expressions a tier's statement binds: `drive` for the walked index, `text` / `words` per row. */
export function tierParams(plan: TierPlan, walk: Walk): Record<string, string | null> {
  const params: Record<string, string | null> = { drive: null, text: null, words: null };
  for (const index of ['text', 'words'] as const) params[index === walk ? 'drive' : index] = matchExpression(plan[index])?.match ?? null;
  return params;
}

/**
 * One window of one tier. The candidates come newest first from the walked index (or the messages), at most
 * `:cap` of them with ids in [`:minId`, `:before`), each passed through `counters.walked` (a function that counts them and
 * notes the lowest id, so the walk knows how far it got); then the joins and checks, in that order (a co-routine
 * and CROSS JOINs keep it), so the statement stops after `:limit` rows instead of sorting every match.
 * `byAuthor`: an index's candidates are first matched against the ids of the searched authors' messages (from
 * their index alone, set up once per statement), so only their own messages are looked up (~1 µs each).
 */
export function tierSql(plan: TierPlan, walk: Walk, search: MessageSearch, counters: { walked: string; checked: string }, byAuthor = false): string {
  let candidates: string;
  if (walk === 'messages') {
    const where = ['m.id >= :minId', 'm.id < :before', ...filterRules(search)];
    candidates = `SELECT m.id FROM messages m WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT :cap`;
  } else {
    const table = INDEX[walk];
    // CAST: FTS5 ignores rowid bounds that arrive as floating-point values, which is how JavaScript numbers bind.
    candidates = `SELECT rowid AS id FROM ${table}
      WHERE ${table} MATCH :drive AND rowid >= CAST(:minId AS INTEGER) AND rowid < CAST(:before AS INTEGER) ORDER BY rowid DESC LIMIT :cap`;
  }
  const where = [...ACCESS_RULES, ...filterRules(search)];
  let walked = `${counters.walked}(d.id)`;
  if (byAuthor && walk !== 'messages' && search.authorIds) {
    where.unshift(`${walked} IN (SELECT a.id FROM messages a WHERE ${authorRule(search.authorIds, 'a')} AND a.id >= :minId AND a.id < :before)`);
    walked = 'd.id';
  }
  for (const index of ['text', 'words'] as const) {
    const condition = index === walk ? null : matchExpression(plan[index]);
    if (condition === null) continue;
    // Aliased and qualified: an unqualified rowid here is not handed to FTS5, which then scans every match per row.
    // The rowid goes through `counters.checked` (with the index's name) and c.id beside it: naming `c` makes SQLite test this after the
    // access joins and the filters, so only rows the user may read pay for the lookup (20-250 µs each), and the
    // function counts them for the page's budget. CAST: a JavaScript function returns a floating-point number,
    // which FTS5 would ignore as a rowid bound (then any row of the index would do).
    const table = INDEX[index];
    where.push(
      `${condition.wanted ? '' : 'NOT '}EXISTS (SELECT 1 FROM ${table} AS x WHERE x.${table} MATCH :${index} AND x.rowid = CAST(${counters.checked}(m.id, c.id, '${index}') AS INTEGER))`,
    );
  }
  // The counter sits in the join (or the authors' test), after the candidates' own ordering: it sees each one as
  // the join takes it.
  return `SELECT ${COLUMNS} FROM (${candidates}) AS d CROSS JOIN messages m ON m.id = ${walked} ${ACCESS_JOINS}
    WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT :limit`;
}

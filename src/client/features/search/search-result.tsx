// One search result: where and by whom, when, and the snippet with its matching parts in <mark>. The snippet is
// rendered as text nodes only: nothing from the index is ever parsed as HTML.
import type { SearchResult, Snippet } from '../../../shared/protocol/search.js';
import { Icon, type IconName } from '../../ui/icons.js';
import { UNKNOWN_USER } from '../conversations/model.js';
import { conversations, nameOf } from '../conversations/state.js';
import { formatTimestamp } from '../messages/layout.js';
import { splitSnippet } from './highlight.js';
import { activeResult, openResult } from './state.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const ICONS: Record<SearchResult['conversation']['kind'], IconName> = { public: 'hash', private: 'lock', dm: 'chat' };

interface ResultOptionProps {
  id: string;
  index: number;
  result: SearchResult;
  active: boolean;
}

export function ResultOption({ id, index, result, active }: ResultOptionProps) {
  const known = conversations.value.get(result.conversation.id);
  const where = known ? nameOf(known) : (result.conversation.name ?? 'Direct message');
  const author = result.author?.username ?? (result.message.kind === 'system' ? 'MiniMost' : UNKNOWN_USER);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      class={`search-result${active ? ' is-active' : ''}`}
      onClick={() => void openResult(result)}
      onMouseMove={() => {
        if (activeResult.value !== index) activeResult.value = index;
      }}
    >
      {/* The spaces between the parts keep the option's accessible name readable ("general bob …"). */}
      <div class="search-result-meta">
        <Icon name={ICONS[result.conversation.kind]} class="search-result-icon" />{' '}
        <span class="search-result-where">{where}</span>{' '}
        <span class="search-result-author">{author}</span>{' '}
        <time class="search-result-time" dateTime={new Date(result.createdAt).toISOString()} title={formatTimestamp(result.createdAt)}>
          {when.format(result.createdAt)}
        </time>
      </div>
      <div class="search-result-snippet">
        <SnippetText snippet={result.snippet} />
      </div>
    </li>
  );
}

function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <>
      {splitSnippet(snippet).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
    </>
  );
}

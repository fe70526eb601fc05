// The filter controls. They hold no state of their own: each shows what the query text says and, when changed,
// rewrites the operator in it (query-text.ts), so typing `from:@bob` and choosing bob under From are the same thing.
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { me, sections, users } from '../conversations/state.js';
import { choiceFor, personChoices, placeChoices, placeKey, type Choice } from './filter-choices.js';
import { dateFieldValue, readFilters, type FilterOperator } from './query-text.js';
import { searchText, setFilter } from './state.js';

const personKey = (value: string) => value.replace(/^@/, '').toLowerCase();

export function SearchFilters() {
  const filters = readFilters(searchText.value);
  const { channels, privateChannels, directMessages } = sections.value;
  const places = placeChoices([...channels, ...privateChannels, ...directMessages], me.value, users.value);
  return (
    <fieldset class="search-filters">
      <legend class="visually-hidden">Filters</legend>
      <ChoiceFilter label="From" anyLabel="Anyone" operator="from" choices={personChoices(users.value)} typed={filters.from[0]} keyOf={personKey} />
      <ChoiceFilter label="In" anyLabel="Anywhere" operator="in" choices={places} typed={filters.in[0]} keyOf={placeKey} />
      <DateFilter label="After" operator="after" typed={filters.after} />
      <DateFilter label="Before" operator="before" typed={filters.before} />
      <DateFilter label="On" operator="on" typed={filters.on} />
      <label class="search-filter search-filter-check">
        <input type="checkbox" checked={filters.hasLink} onChange={(event) => setFilter('has', event.currentTarget.checked ? ['link'] : [])} />
        Has link
      </label>
    </fieldset>
  );
}

interface ChoiceFilterProps {
  label: string;
  anyLabel: string;
  operator: FilterOperator;
  choices: readonly Choice[];
  typed: string | undefined;
  keyOf: (value: string) => string;
}

function ChoiceFilter({ label, anyLabel, operator, choices, typed, keyOf }: ChoiceFilterProps) {
  const chosen = choiceFor(typed, choices, keyOf);
  const shown = chosen && !choices.includes(chosen) ? [chosen, ...choices] : choices;
  const onChange = (event: JSX.TargetedEvent<HTMLSelectElement>) => {
    const value = event.currentTarget.value;
    setFilter(operator, value === '' ? [] : [value]);
  };
  const id = useId();
  // A label beside the select, not around it: the options' text must not become part of its name.
  return (
    <div class="search-filter">
      <label for={id}>{label}</label>
      <select id={id} class="search-filter-control" value={chosen?.value ?? ''} onChange={onChange}>
        <option value="">{anyLabel}</option>
        {shown.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateFilter({ label, operator, typed }: { label: string; operator: FilterOperator; typed: string | null }) {
  const id = useId();
  return (
    <div class="search-filter">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="search-filter-control"
        type="date"
        value={dateFieldValue(typed)}
        onChange={(event) => setFilter(operator, event.currentTarget.value === '' ? [] : [event.currentTarget.value])}
      />
    </div>
  );
}

import type { PasswordRule } from '../../../shared/domain/password-policy.js';

/**
 * The password rules, each ticked as soon as the typed password meets it. The state is also spelled out in hidden
 * text ("done" / "not yet") because a tick or a colour alone says nothing to a screen reader.
 */
export function PasswordChecklist({ id, rules }: { id: string; rules: PasswordRule[] }) {
  return (
    <ul id={id} class="checklist" aria-label="Password requirements">
      {rules.map((rule) => (
        <li key={rule.id} class={`checklist-item${rule.ok ? ' is-met' : ''}`}>
          <svg class="checklist-icon" viewBox="0 0 16 16" aria-hidden="true">
            {rule.ok ? <path d="M6.2 11.3 3 8.1l1.1-1.1 2.1 2.1 5.7-5.7L13 4.5z" /> : <circle cx="8" cy="8" r="2.5" />}
          </svg>
          <span>{rule.label}</span>
          <span class="visually-hidden">{rule.ok ? ' (done)' : ' (not yet)'}</span>
        </li>
      ))}
    </ul>
  );
}

import { useText } from '../../i18n/index.js';
import type { Newsletter } from '../newsletters/newsletter-types.js';

interface Props {
  legend: string;
  hint?: string;
  newsletters: Newsletter[];
  chosen: number[];
  onChange(chosen: number[]): void;
}

/** A check box per newsletter, named with its language. */
export function NewsletterChoice({ legend, hint, newsletters, chosen, onChange }: Props) {
  const { lang } = useText();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {hint && <small class="muted">{hint}</small>}
      {newsletters.map((n) => (
        <label key={n.id} class="choice">
          <input
            type="checkbox"
            checked={chosen.includes(n.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, n.id] : chosen.filter((id) => id !== n.id))}
          />{' '}
          <bdi lang={n.language}>{n.name}</bdi> <span class="muted">({new Intl.DisplayNames([lang], { type: 'language' }).of(n.language) ?? n.language})</span>
        </label>
      ))}
    </fieldset>
  );
}

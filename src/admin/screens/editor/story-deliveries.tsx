import { useApi, useSiteTime } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { languageNameIn } from '../../../content/languages.js';
import type { EditionDeliveries } from '../../../federation/deliveries.service.js';
import { formatCount } from '../stats/format.js';

const COUNTS = ['queued', 'delivered', 'retrying', 'givenUp'] as const;

/**
 * How the story's deliveries to followers' servers stand, per edition that sent a version of it.
 * Shown to those the server lets see them (editors, administrators, the story's authors).
 */
export function StoryDeliveries({ articleId }: { articleId: number }) {
  const t = useText();
  const words = t.fediverse;
  const siteTime = useSiteTime();
  const deliveries = useApi<{ items: EditionDeliveries[] }>(`/articles/${articleId}/fediverse/deliveries`);
  if (!deliveries.data) return null;
  return (
    <div class="story-deliveries" data-list="deliveries">
      <h3>{words.deliveries}</h3>
      {deliveries.data.items.length === 0 && <p class="muted">{words.noDeliveries}</p>}
      {deliveries.data.items.map((edition) => (
        <section key={edition.language} data-language={edition.language} aria-label={languageNameIn(edition.language, t.lang)}>
          <h4>{languageNameIn(edition.language, t.lang)}</h4>
          <dl class="delivery-counts">
            {COUNTS.map((count) => (
              <div key={count} class={count === 'retrying' || count === 'givenUp' ? (edition[count] > 0 ? 'failing' : '') : ''}>
                <dt>{words[count]}</dt>
                <dd data-count={count}>{formatCount(edition[count], t.lang)}</dd>
              </div>
            ))}
          </dl>
          {edition.lastError && (
            <p class="muted last-error" data-host={edition.lastError.host}>
              {fill(words.lastError, { host: <bdi dir="ltr">{edition.lastError.host}</bdi>, message: <bdi dir="ltr">{edition.lastError.message}</bdi>, at: siteTime(edition.lastError.at) })}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

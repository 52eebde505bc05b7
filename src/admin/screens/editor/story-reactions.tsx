import { useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { formatCount } from '../stats/format.js';
import { StoryDeliveries } from './story-deliveries.js';

/** A published story's likes and boosts on the fediverse, in the editor's side panel, and its deliveries for those who may see them. */
export function StoryReactions({ articleId, showDeliveries }: { articleId: number; showDeliveries: boolean }) {
  const t = useText();
  const words = t.fediverse;
  const counts = useApi<{ likes: number; boosts: number }>(`/articles/${articleId}/fediverse`);
  if (!counts.data) return null;
  return (
    <section class="story-stats story-reactions" aria-label={words.panelHeading}>
      <h2>{words.panelHeading}</h2>
      <dl class="story-kpis">
        <div>
          <dt>{words.likes}</dt>
          <dd data-kpi="likes">{formatCount(counts.data.likes, t.lang)}</dd>
        </div>
        <div>
          <dt>{words.boosts}</dt>
          <dd data-kpi="boosts">{formatCount(counts.data.boosts, t.lang)}</dd>
        </div>
      </dl>
      {showDeliveries && <StoryDeliveries articleId={articleId} />}
    </section>
  );
}

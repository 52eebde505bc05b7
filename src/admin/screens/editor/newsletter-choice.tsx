import { useEffect, useState } from 'preact/hooks';
import { api, API, ApiError } from '../../api.js';
import { useText } from '../../i18n/index.js';

interface Newsletter {
  id: number;
  name: string;
  archived: boolean;
  cadence: string;
  maySend: boolean;
}

/** A newsletter ticked, with its name for the sentence that confirms. */
export interface ChosenNewsletter {
  id: number;
  name: string;
}

interface Props {
  /** The saved story; one never saved is offered no newsletter (nothing to preview, test or send yet). */
  articleId: number | null;
  language: string;
  /** Scheduled for later: the ticked newsletters get the story when it goes out. */
  later: boolean;
  chosen: ChosenNewsletter[];
  onChange(chosen: ChosenNewsletter[]): void;
}

/**
 * The newsletters of the story's language that the person may send it to, one box each, none
 * ticked until they tick it; each with its e-mail to preview and a test to send oneself.
 * Digests are left out: they gather the day's or week's stories by themselves.
 */
export function NewsletterChoice({ articleId, language, later, chosen, onChange }: Props) {
  const t = useText();
  const [newsletters, setNewsletters] = useState<Newsletter[]>([]);
  const [tested, setTested] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<{ items: Newsletter[] }>(`/newsletters?language=${encodeURIComponent(language)}`)
      .then(({ items }) => setNewsletters(items.filter((item) => item.maySend && !item.archived && item.cadence === 'each')))
      .catch(() => setNewsletters([]));
  }, [language]);
  if (newsletters.length === 0 || articleId === null) return null;

  const test = async (newsletterId: number) => {
    try {
      const answer = await api.post<{ to: string; delivery: 'sent' | 'logged' }>(`/articles/${articleId}/newsletter-sends/test`, { newsletterId });
      setTested(answer.delivery === 'sent' ? t.format(t.editor.testSent, { email: answer.to }) : t.editor.testLogged);
    } catch (error) {
      setTested(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <fieldset class="bare newsletters">
      <legend>{t.editor.newslettersLegend}</legend>
      <small class="muted">{later ? t.editor.newslettersLaterHint : t.editor.newslettersHint}</small>
      {newsletters.map((newsletter) => (
        <div class="newsletter" key={newsletter.id}>
          <label class="choice">
            <input
              type="checkbox"
              name="newsletters"
              value={newsletter.id}
              checked={chosen.some((one) => one.id === newsletter.id)}
              onChange={(event) =>
                onChange(event.currentTarget.checked ? [...chosen, { id: newsletter.id, name: newsletter.name }] : chosen.filter((one) => one.id !== newsletter.id))
              }
            />
            <span>
              <strong>
                <bdi>{newsletter.name}</bdi>
              </strong>
            </span>
          </label>
          <span class="newsletter-tools">
            <a href={`${API}/articles/${articleId}/newsletter-sends/preview?newsletterId=${newsletter.id}`} target="_blank" rel="noopener">
              {t.editor.newsletterPreview}
            </a>
            <button type="button" class="quiet" onClick={() => void test(newsletter.id)}>
              {t.editor.sendMeTest}
            </button>
          </span>
        </div>
      ))}
      <p class="muted" role="status">
        {tested}
      </p>
    </fieldset>
  );
}

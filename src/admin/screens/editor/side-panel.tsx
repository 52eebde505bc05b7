import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { FocalPointPicker } from '../../components/focal-point.js';
import { MediaPicker } from '../../components/media-picker.js';
import { useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { PeoplePicker, type Creditable } from './author-picker.js';
import './author-picker.css';
import type { Guest, Section, StaffMember, Tag } from '../../types.js';
import type { Draft } from './draft.js';

interface Props {
  draft: Draft;
  language: string;
  /** The story's plain text, for tag suggestions. */
  text: string;
  baseUrl: string;
  canUpload: boolean;
  /** A language version made from another: it credits its translators. */
  isTranslation: boolean;
  /** The person may read the story but not change it. */
  readOnly: boolean;
  onChange(patch: Partial<Draft>): void;
}

/** Everyone a story can credit: the staff, then the guest contributors. */
function useCreditable(): Creditable[] {
  const staff = useApi<{ items: StaffMember[] }>('/users');
  const guests = useApi<{ items: Guest[] }>('/guests');
  return [...(staff.data?.items ?? []), ...(guests.data?.items ?? []).map((g) => ({ id: g.id, name: g.name, role: 'guest' }))];
}

/** Everything about a story that is not its text: section, tags, picture, byline, source, SEO. */
export function SidePanel({ draft, language, text, baseUrl, canUpload, isTranslation, readOnly, onChange }: Props) {
  const sections = useApi<{ items: Section[] }>('/sections');
  const tags = useApi<{ items: Tag[] }>(`/tags${query({ language })}`);
  const people = useCreditable();
  const t = useText();
  const zone = useSession().site.timeZone;
  const [suggested, setSuggested] = useState<string[]>([]);
  const [tagInput, setTagInput] = useState('');
  const [picking, setPicking] = useState(false);

  // Suggestions follow the text, a moment after typing stops.
  useEffect(() => {
    const source = `${draft.title}\n${draft.standfirst}\n${text}`.trim();
    if (!source) return;
    const timer = setTimeout(() => {
      api.get<string[]>(`/tags/suggest${query({ language, text: source.slice(0, 20_000), limit: 8 })}`).then(setSuggested, () => {});
    }, 600);
    return () => clearTimeout(timer);
  }, [draft.title, draft.standfirst, text, language]);

  const addTag = (name: string) => {
    const clean = name.trim();
    if (clean && !draft.tags.some((t) => t.toLowerCase() === clean.toLowerCase())) onChange({ tags: [...draft.tags, clean] });
    setTagInput('');
  };
  const image = draft.featuredImage;
  const setImage = (patch: Partial<NonNullable<Draft['featuredImage']>>) => image && onChange({ featuredImage: { ...image, ...patch } });
  const source = draft.source ?? { name: '', url: '', publishedAt: '' };
  const seoTitle = draft.seoTitle || draft.title;
  const seoDescription = draft.seoDescription || draft.standfirst;

  return (
    <div class="side-panel">
      <fieldset class="bare" disabled={readOnly}>
      <label>
        {t.editor.section}
        <select name="section" value={draft.section ?? ''} onChange={(e) => onChange({ section: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
          <option value="">{t.editor.noSection}</option>
          {sections.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.names[language]?.name ?? Object.values(s.names)[0]?.name}
            </option>
          ))}
        </select>
      </label>

      <fieldset>
        <legend>{t.editor.tags}</legend>
        <ul class="chips" aria-label={t.editor.tagsOfStory}>
          {draft.tags.map((tag) => (
            <li key={tag}>
              {tag}{' '}
              <button type="button" class="link" aria-label={t.format(t.editor.removeTag, { tag })} onClick={() => onChange({ tags: draft.tags.filter((t) => t !== tag) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => (e.preventDefault(), addTag(tagInput))}>
          <input name="tag" list="existing-tags" placeholder={t.editor.addTag} aria-label={t.editor.addTag} value={tagInput} onInput={(e) => setTagInput(e.currentTarget.value)} />
          <datalist id="existing-tags">
            {tags.data?.items.map((t) => <option key={t.id} value={t.name} />)}
          </datalist>
        </form>
        {suggested.some((s) => !draft.tags.includes(s)) && (
          <p class="suggestions" aria-label={t.editor.suggestedTags}>
            {t.editor.suggested}{' '}
            {suggested
              .filter((s) => !draft.tags.includes(s))
              .map((s) => (
                <button key={s} type="button" class="chip" onClick={() => addTag(s)}>
                  + {s}
                </button>
              ))}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t.editor.featuredPicture}</legend>
        {image ? (
          <>
            {image.mediaId ? <FocalPointPicker mediaId={image.mediaId} readOnly={readOnly} /> : <img src={image.url} alt="" class="preview" />}
            <label>
              {t.editor.caption} <input name="imageCaption" value={image.caption} onInput={(e) => setImage({ caption: e.currentTarget.value })} />
            </label>
            <label>
              {t.editor.credit} <input name="imageCredit" value={image.credit} onInput={(e) => setImage({ credit: e.currentTarget.value })} />
            </label>
            <PeoplePicker id="photographers" label={t.credits.photographers} hint={t.credits.photographersHint} placeholder={t.credits.addPerson} people={people} chosen={draft.credits.photographers} disabled={readOnly} onChange={(photographers) => onChange({ credits: { ...draft.credits, photographers } })} />
            <label>
              {t.editor.featuredAlt} <input name="imageAlt" value={image.alt} onInput={(e) => setImage({ alt: e.currentTarget.value })} />
            </label>
            <button type="button" onClick={() => onChange({ featuredImage: null })}>
              {t.editor.removePicture}
            </button>
          </>
        ) : picking ? (
          <MediaPicker
            canUpload={canUpload}
            onCancel={() => setPicking(false)}
            onPick={(item, _caption, alt) => {
              onChange({ featuredImage: { url: item.url, mediaId: item.id, caption: item.caption, credit: item.credit, alt } });
              setPicking(false);
            }}
          />
        ) : (
          <button type="button" onClick={() => setPicking(true)}>
            {t.editor.choosePicture}
          </button>
        )}
      </fieldset>

      <label>
        {t.editor.standfirst}
        <textarea name="standfirst" rows={3} value={draft.standfirst} onInput={(e) => onChange({ standfirst: e.currentTarget.value })} />
      </label>
      <label>
        {t.editor.slug}
        <input name="slug" value={draft.slug} onInput={(e) => onChange({ slug: e.currentTarget.value })} />
      </label>

      <PeoplePicker id="authors" label={t.authors.label} placeholder={t.authors.addAuthor} people={people} chosen={draft.authors} disabled={readOnly} onChange={(authors) => onChange({ authors })} />
      {isTranslation && (
        <PeoplePicker id="translators" label={t.credits.translators} hint={t.credits.translatorsHint} placeholder={t.credits.addPerson} people={people} chosen={draft.credits.translators} disabled={readOnly} onChange={(translators) => onChange({ credits: { ...draft.credits, translators } })} />
      )}
      <PeoplePicker id="additional-reporting" label={t.credits.additionalReporting} placeholder={t.credits.addPerson} people={people} chosen={draft.credits.additionalReporting} disabled={readOnly} onChange={(additionalReporting) => onChange({ credits: { ...draft.credits, additionalReporting } })} />

      <fieldset>
        <legend>{t.editor.source}</legend>
        <label>
          {t.editor.publication} <input name="sourceName" value={source.name} onInput={(e) => onChange({ source: { ...source, name: e.currentTarget.value } })} />
        </label>
        <label>
          {t.editor.sourceLink} <input name="sourceUrl" type="url" value={source.url} onInput={(e) => onChange({ source: { ...source, url: e.currentTarget.value } })} />
        </label>
        <label>
          {t.format(t.editor.sourcePublished, { zone })}{' '}
          <input name="sourcePublishedAt" type="datetime-local" value={source.publishedAt.slice(0, 16)} onInput={(e) => onChange({ source: { ...source, publishedAt: e.currentTarget.value } })} />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t.editor.seo}</legend>
        <label>
          {t.editor.seoTitle} <input name="seoTitle" value={draft.seoTitle} placeholder={draft.title} onInput={(e) => onChange({ seoTitle: e.currentTarget.value })} />
        </label>
        <label>
          {t.editor.seoDescription}{' '}
          <textarea name="seoDescription" rows={2} value={draft.seoDescription} placeholder={draft.standfirst} onInput={(e) => onChange({ seoDescription: e.currentTarget.value })} />
        </label>
        <div class="serp" role="group" aria-label={t.editor.searchPreview}>
          <div class="serp-url">
            {baseUrl}/{language}/{draft.slug || '…'}
          </div>
          <div class="serp-title">{seoTitle.length > 60 ? `${seoTitle.slice(0, 60)}…` : seoTitle}</div>
          <div class="serp-description">{seoDescription.length > 160 ? `${seoDescription.slice(0, 160)}…` : seoDescription}</div>
        </div>
        <div class="social" role="group" aria-label={t.editor.socialPreview}>
          {image && <img src={image.url} alt="" />}
          <strong>{seoTitle}</strong>
          <span>{seoDescription}</span>
        </div>
      </fieldset>
      </fieldset>
    </div>
  );
}

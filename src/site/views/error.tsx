import { stringsFor } from '../i18n.js';

export function ErrorPage({ language, status }: { language: string; status: 404 | 410 }) {
  const t = stringsFor(language);
  return (
    <section class="prose" lang={t.lang}>
      <h1>{status === 410 ? t.gone : t.notFound}</h1>
      <p>{status === 410 ? t.goneText : t.notFoundText}</p>
      <form role="search" aria-label={t.searchLabel} action={`/${language}/search`} method="get">
        <input type="search" name="q" aria-label={t.searchLabel} placeholder={t.search} />{' '}
        <button type="submit">{t.search}</button>
      </form>
      <p>
        <a href={`/${language}/`}>{t.home}</a>
      </p>
    </section>
  );
}

import { stringsFor } from '../i18n.js';

export function ErrorPage({ language, status }: { language: string; status: 404 | 410 }) {
  const t = stringsFor(language);
  return (
    <section>
      <h1>{status === 410 ? t.gone : t.notFound}</h1>
      <p>{status === 410 ? t.goneText : t.notFoundText}</p>
      <p>
        <a href={`/${language}/`}>{t.home}</a>
      </p>
    </section>
  );
}

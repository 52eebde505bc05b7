import { stringsFor } from '../i18n.js';

/** What commenters' data is kept, why, for how long, who gets it and how to have it deleted. */
export function PrivacyPage({ language }: { language: string }) {
  const t = stringsFor(language);
  return (
    <section class="prose" lang={t.lang}>
      <h1>{t.privacyTitle}</h1>
      <p>{t.privacyIntro}</p>
      <h2>{t.comments}</h2>
      <p>{t.privacyData}</p>
      <p>{t.privacyWhy}</p>
      <p>{t.privacyRetention}</p>
      <p>{t.privacyThirdParty}</p>
      <p>
        {t.privacyDeletion} <a href={`/comments/forget?lang=${encodeURIComponent(language)}`}>{t.privacyForget}</a>
      </p>
    </section>
  );
}

import { analyticsStrings } from '../../analytics/analytics.strings.js';
import { COUNTRY_DATA_CREDIT } from '../../analytics/country-credit.js';
import { countedFacts } from '../../analytics/privacy-notice.js';
import { memberStrings } from '../../members/members.strings.js';
import { stringsFor } from '../i18n.js';

/**
 * What readers' data is kept, why, for how long, who gets it and how to have it deleted: the
 * reader statistics (as the settings have them), newsletter members' and commenters' data.
 */
export function PrivacyPage({ language, analytics }: { language: string; analytics: boolean }) {
  const t = stringsFor(language);
  const a = analyticsStrings(language);
  const m = memberStrings(language);
  const facts = countedFacts(analytics);
  return (
    <section class="prose" lang={t.lang}>
      <h1>{t.privacyTitle}</h1>
      <p>{facts ? a.introCounting : t.privacyIntro}</p>
      <h2 id="statistics">{a.heading}</h2>
      {facts ? (
        <>
          <p>{a.noCookie}</p>
          <ul>
            {facts.map((fact) => (
              <li>{a[fact]}</li>
            ))}
          </ul>
          <p>
            {a.countryData} <a href={COUNTRY_DATA_CREDIT.url} lang="en">{COUNTRY_DATA_CREDIT.text}</a>
          </p>
          <p>{a.visitors}</p>
          <p>{a.optOut}</p>
          <p>{a.kept}</p>
        </>
      ) : (
        <p>{a.off}</p>
      )}
      <h2 id="newsletters">{m.privacyHeading}</h2>
      <p>{m.privacyKept}</p>
      <p>{m.privacyUse}</p>
      <p>
        {m.privacyRights} <a href={`/account/sign-in?lang=${encodeURIComponent(language)}`}>{m.signInTitle}</a>
      </p>
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

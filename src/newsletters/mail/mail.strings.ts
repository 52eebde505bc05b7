import { perLanguage } from '../../content/languages.js';
import { shippedLanguage, type PluralForms } from '../../core/interface-text.js';

/** The words of Herald's e-mails to members: confirmation, sign-in link, story and digest. */
const en = {
  confirmSubject: 'Confirm your subscription to {site}',
  confirmIntro: 'You asked to receive these newsletters from {site}:',
  confirmButton: 'Confirm my subscription',
  confirmIgnore: 'If you did not ask for this, ignore this e-mail: nothing will be sent to you.',
  signInSubject: 'Your sign-in link for {site}',
  signInIntro: 'Open this link to sign in to your account at {site}. It works once and expires soon.',
  signInButton: 'Sign in',
  signInIgnore: 'If you did not ask to sign in, ignore this e-mail.',
  linkFallback: 'If the button does not work, copy this address into your browser:',
  readOnSite: 'Read on the website',
  digestSubject: '{newsletter}: {title}',
  digestCount: { one: '{n} story in this edition', other: '{n} stories in this edition' } as PluralForms,
  why: 'You receive this e-mail because you subscribed to {newsletter} from {site}.',
  unsubscribe: 'Unsubscribe',
};

type MailStrings = typeof en;

const fr: MailStrings = {
  confirmSubject: 'Confirmez votre abonnement à {site}',
  confirmIntro: 'Vous avez demandé à recevoir ces lettres d’information de {site} :',
  confirmButton: 'Confirmer mon abonnement',
  confirmIgnore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne vous sera envoyé.',
  signInSubject: 'Votre lien de connexion à {site}',
  signInIntro: 'Ouvrez ce lien pour vous connecter à votre compte sur {site}. Il ne fonctionne qu’une fois et expire bientôt.',
  signInButton: 'Me connecter',
  signInIgnore: 'Si vous n’avez pas demandé à vous connecter, ignorez ce message.',
  linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  readOnSite: 'Lire sur le site',
  digestSubject: '{newsletter} : {title}',
  digestCount: { one: '{n} article dans cette édition', many: '{n} d’articles dans cette édition', other: '{n} articles dans cette édition' },
  why: 'Vous recevez ce message parce que vous êtes abonné(e) à {newsletter} de {site}.',
  unsubscribe: 'Se désabonner',
};

const de: MailStrings = {
  confirmSubject: 'Bestätigen Sie Ihr Abonnement bei {site}',
  confirmIntro: 'Sie möchten diese Newsletter von {site} erhalten:',
  confirmButton: 'Abonnement bestätigen',
  confirmIgnore: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Sie erhalten dann nichts.',
  signInSubject: 'Ihr Anmeldelink für {site}',
  signInIntro: 'Öffnen Sie diesen Link, um sich bei Ihrem Konto auf {site} anzumelden. Er funktioniert einmal und läuft bald ab.',
  signInButton: 'Anmelden',
  signInIgnore: 'Wenn Sie keine Anmeldung angefordert haben, ignorieren Sie diese E-Mail.',
  linkFallback: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
  readOnSite: 'Auf der Website lesen',
  digestSubject: '{newsletter}: {title}',
  digestCount: { one: '{n} Artikel in dieser Ausgabe', other: '{n} Artikel in dieser Ausgabe' },
  why: 'Sie erhalten diese E-Mail, weil Sie {newsletter} von {site} abonniert haben.',
  unsubscribe: 'Abbestellen',
};

const es: MailStrings = {
  confirmSubject: 'Confirme su suscripción a {site}',
  confirmIntro: 'Ha pedido recibir estos boletines de {site}:',
  confirmButton: 'Confirmar mi suscripción',
  confirmIgnore: 'Si no lo pidió, ignore este correo: no se le enviará nada.',
  signInSubject: 'Su enlace para entrar en {site}',
  signInIntro: 'Abra este enlace para entrar en su cuenta de {site}. Solo funciona una vez y caduca pronto.',
  signInButton: 'Entrar',
  signInIgnore: 'Si no pidió entrar, ignore este correo.',
  linkFallback: 'Si el botón no funciona, copie esta dirección en su navegador:',
  readOnSite: 'Leer en el sitio',
  digestSubject: '{newsletter}: {title}',
  digestCount: { one: '{n} noticia en esta edición', many: '{n} de noticias en esta edición', other: '{n} noticias en esta edición' },
  why: 'Recibe este correo porque se suscribió a {newsletter} de {site}.',
  unsubscribe: 'Darse de baja',
};

const zhHant: MailStrings = {
  confirmSubject: '確認訂閱 {site}',
  confirmIntro: '您申請訂閱 {site} 的以下電子報：',
  confirmButton: '確認訂閱',
  confirmIgnore: '如果這不是您的申請，請忽略這封郵件：我們不會寄任何東西給您。',
  signInSubject: '您的 {site} 登入連結',
  signInIntro: '開啟此連結即可登入您在 {site} 的帳號。連結只能使用一次，且很快就會失效。',
  signInButton: '登入',
  signInIgnore: '如果您沒有要求登入，請忽略這封郵件。',
  linkFallback: '如果按鈕無法使用，請將此網址複製到瀏覽器：',
  readOnSite: '在網站上閱讀',
  digestSubject: '{newsletter}：{title}',
  digestCount: { other: '本期共 {n} 則報導' },
  why: '您收到這封郵件，是因為您訂閱了 {site} 的 {newsletter}。',
  unsubscribe: '取消訂閱',
};

const ar: MailStrings = {
  confirmSubject: 'أكّد اشتراكك في {site}',
  confirmIntro: 'طلبت تلقّي هذه النشرات البريدية من {site}:',
  confirmButton: 'أكّد اشتراكي',
  confirmIgnore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لن يُرسل إليك شيء.',
  signInSubject: 'رابط الدخول إلى {site}',
  signInIntro: 'افتح هذا الرابط لتسجيل الدخول إلى حسابك في {site}. يعمل مرة واحدة وتنتهي صلاحيته قريبًا.',
  signInButton: 'تسجيل الدخول',
  signInIgnore: 'إذا لم تطلب تسجيل الدخول، فتجاهل هذه الرسالة.',
  linkFallback: 'إذا لم يعمل الزر، فانسخ هذا العنوان في متصفحك:',
  readOnSite: 'اقرأ على الموقع',
  digestSubject: '{newsletter}: {title}',
  digestCount: { zero: 'لا أخبار في هذا العدد', one: 'خبر واحد في هذا العدد', two: 'خبران في هذا العدد', few: '{n} أخبار في هذا العدد', many: '{n} خبرًا في هذا العدد', other: '{n} خبر في هذا العدد' },
  why: 'تصلك هذه الرسالة لأنك مشترك في {newsletter} من {site}.',
  unsubscribe: 'إلغاء الاشتراك',
};

export const MAIL_STRINGS: Record<string, MailStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

/** The e-mails' words in a language (see shippedLanguage), with the language they are in. */
export const mailStrings = perLanguage((language: string): Readonly<MailStrings & { lang: string }> => {
  const lang = shippedLanguage(MAIL_STRINGS, language);
  return Object.freeze({ ...MAIL_STRINGS[lang], lang });
});

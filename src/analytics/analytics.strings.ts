import { perLanguage } from '../content/languages.js';
import { shippedLanguage } from '../core/interface-text.js';

/** What the privacy page tells readers about the counting (see privacy-notice.ts for which parts show). */
const en = {
  heading: 'Reader statistics',
  introCounting: 'This site shows no advertising and loads nothing from other websites. Besides the usual server logs, it counts how its pages are read, on its own server, as described below.',
  off: 'This site does not count its readers: no statistics are kept about your visits.',
  noCookie: 'The counting uses no cookie and stores nothing in your browser. For each page shown we count:',
  factPage: 'the page and its language;',
  factReferrer: 'the name of the website whose link brought you here (its name only, not the address of the page);',
  factCampaign: 'the campaign named in that link, if any (utm_source, utm_medium, utm_campaign);',
  factDevice: 'the kind of device — computer, phone or tablet — read from your browser’s user agent;',
  factCountry: 'the country your connection comes from, looked up on our own server;',
  factRead: 'on a story, whether you reached the end of its text.',
  countryData: 'The country comes from a database installed with this site, without asking any other server:',
  visitors: 'To count visitors rather than pages, your IP address and browser user agent are combined with a random key that changes every day and is never written down. The result is kept until the end of the day and then deleted; your IP address itself is never stored, and nothing links your visits on two different days.',
  optOut: 'If your browser sends Global Privacy Control or Do Not Track, we count the page but not you as a visitor. Search engines and other robots, pages your browser loads ahead of time, previews and the site’s own staff are not counted.',
  kept: 'The counts are added up per minute, then per hour after two days and per day after 90 days. They stay on this site’s server and are shown only to its editors.',
};

export type AnalyticsStrings = Record<keyof typeof en, string>;

const fr: AnalyticsStrings = {
  heading: 'Statistiques de lecture',
  introCounting: 'Ce site n’affiche aucune publicité et ne charge rien depuis d’autres sites. Outre les journaux habituels du serveur, il compte la lecture de ses pages, sur son propre serveur, comme décrit ci-dessous.',
  off: 'Ce site ne compte pas ses lecteurs : aucune statistique n’est tenue sur vos visites.',
  noCookie: 'Ce comptage n’utilise aucun cookie et n’enregistre rien dans votre navigateur. Pour chaque page affichée, nous comptons :',
  factPage: 'la page et sa langue ;',
  factReferrer: 'le nom du site dont le lien vous a amené ici (son nom seulement, pas l’adresse de la page) ;',
  factCampaign: 'la campagne indiquée dans ce lien, le cas échéant (utm_source, utm_medium, utm_campaign) ;',
  factDevice: 'le type d’appareil — ordinateur, téléphone ou tablette — déduit de l’identifiant de votre navigateur ;',
  factCountry: 'le pays d’où vient votre connexion, déterminé sur notre propre serveur ;',
  factRead: 'pour un article, si vous êtes arrivé à la fin de son texte.',
  countryData: 'Le pays est tiré d’une base de données installée avec ce site, sans interroger aucun autre serveur :',
  visitors: 'Pour compter des visiteurs plutôt que des pages, votre adresse IP et l’identifiant de votre navigateur sont combinés à une clé aléatoire qui change chaque jour et n’est jamais écrite nulle part. Le résultat est gardé jusqu’à la fin de la journée puis supprimé ; votre adresse IP elle-même n’est jamais enregistrée, et rien ne relie vos visites de deux jours différents.',
  optOut: 'Si votre navigateur envoie Global Privacy Control ou Do Not Track, nous comptons la page mais pas vous comme visiteur. Les moteurs de recherche et autres robots, les pages que votre navigateur charge à l’avance, les aperçus et l’équipe du site ne sont pas comptés.',
  kept: 'Les comptes sont additionnés par minute, puis par heure après deux jours et par jour après 90 jours. Ils restent sur le serveur de ce site et ne sont montrés qu’à sa rédaction.',
};

const de: AnalyticsStrings = {
  heading: 'Lesestatistik',
  introCounting: 'Diese Website zeigt keine Werbung und lädt nichts von anderen Websites. Neben den üblichen Serverprotokollen zählt sie auf ihrem eigenen Server, wie ihre Seiten gelesen werden, wie unten beschrieben.',
  off: 'Diese Website zählt ihre Leserinnen und Leser nicht: Über Ihre Besuche wird keine Statistik geführt.',
  noCookie: 'Die Zählung verwendet kein Cookie und speichert nichts in Ihrem Browser. Für jede angezeigte Seite zählen wir:',
  factPage: 'die Seite und ihre Sprache;',
  factReferrer: 'den Namen der Website, deren Link Sie hierher geführt hat (nur ihren Namen, nicht die Adresse der Seite);',
  factCampaign: 'die in diesem Link genannte Kampagne, falls vorhanden (utm_source, utm_medium, utm_campaign);',
  factDevice: 'die Art des Geräts – Computer, Telefon oder Tablet –, abgelesen an der Kennung Ihres Browsers;',
  factCountry: 'das Land, aus dem Ihre Verbindung kommt, ermittelt auf unserem eigenen Server;',
  factRead: 'bei einem Artikel, ob Sie das Ende seines Textes erreicht haben.',
  countryData: 'Das Land stammt aus einer mit dieser Website installierten Datenbank, ohne dass ein anderer Server gefragt wird:',
  visitors: 'Um Besucher statt Seiten zu zählen, werden Ihre IP-Adresse und die Kennung Ihres Browsers mit einem zufälligen Schlüssel verknüpft, der sich täglich ändert und nirgends aufgeschrieben wird. Das Ergebnis wird bis zum Ende des Tages aufbewahrt und dann gelöscht; Ihre IP-Adresse selbst wird nie gespeichert, und nichts verbindet Ihre Besuche an zwei verschiedenen Tagen.',
  optOut: 'Sendet Ihr Browser Global Privacy Control oder Do Not Track, zählen wir die Seite, aber nicht Sie als Besucher. Suchmaschinen und andere Roboter, Seiten, die Ihr Browser vorab lädt, Vorschauen und die Redaktion der Website werden nicht gezählt.',
  kept: 'Die Zahlen werden pro Minute addiert, nach zwei Tagen pro Stunde und nach 90 Tagen pro Tag. Sie bleiben auf dem Server dieser Website und werden nur ihrer Redaktion gezeigt.',
};

const es: AnalyticsStrings = {
  heading: 'Estadísticas de lectura',
  introCounting: 'Este sitio no muestra publicidad ni carga nada de otros sitios web. Además de los registros habituales del servidor, cuenta cómo se leen sus páginas, en su propio servidor, como se describe a continuación.',
  off: 'Este sitio no cuenta a sus lectores: no se guarda ninguna estadística de sus visitas.',
  noCookie: 'El recuento no usa ninguna cookie ni guarda nada en su navegador. Por cada página mostrada contamos:',
  factPage: 'la página y su idioma;',
  factReferrer: 'el nombre del sitio web cuyo enlace le trajo aquí (solo su nombre, no la dirección de la página);',
  factCampaign: 'la campaña indicada en ese enlace, si la hay (utm_source, utm_medium, utm_campaign);',
  factDevice: 'el tipo de dispositivo —ordenador, teléfono o tableta—, deducido del identificador de su navegador;',
  factCountry: 'el país desde el que llega su conexión, averiguado en nuestro propio servidor;',
  factRead: 'en una noticia, si llegó al final de su texto.',
  countryData: 'El país se obtiene de una base de datos instalada con este sitio, sin consultar ningún otro servidor:',
  visitors: 'Para contar visitantes en lugar de páginas, su dirección IP y el identificador de su navegador se combinan con una clave aleatoria que cambia cada día y nunca se escribe en ningún sitio. El resultado se guarda hasta el final del día y luego se borra; su dirección IP nunca se almacena y nada relaciona sus visitas de dos días distintos.',
  optOut: 'Si su navegador envía Global Privacy Control o Do Not Track, contamos la página pero no a usted como visitante. No se cuentan los buscadores y otros robots, las páginas que su navegador carga por adelantado, las vistas previas ni el equipo del sitio.',
  kept: 'Los recuentos se suman por minuto, luego por hora pasados dos días y por día pasados 90 días. Se quedan en el servidor de este sitio y solo se muestran a su redacción.',
};

const zhHant: AnalyticsStrings = {
  heading: '閱讀統計',
  introCounting: '本網站不顯示廣告，也不從其他網站載入任何內容。除了一般的伺服器記錄外，本網站會在自己的伺服器上統計頁面的閱讀情況，說明如下。',
  off: '本網站不統計讀者：不會保存任何關於您造訪的統計資料。',
  noCookie: '統計不使用任何 Cookie，也不在您的瀏覽器中儲存任何資料。每顯示一個頁面，我們會統計：',
  factPage: '該頁面及其語言；',
  factReferrer: '帶您來到這裡的連結所在網站的名稱（只有名稱，不含該頁面的網址）；',
  factCampaign: '該連結中標明的推廣活動（如有）：utm_source、utm_medium、utm_campaign；',
  factDevice: '裝置類型（電腦、手機或平板），由您瀏覽器的使用者代理字串判斷；',
  factCountry: '您的連線來自哪個國家，在我們自己的伺服器上查得；',
  factRead: '閱讀報導時，您是否讀到了正文結尾。',
  countryData: '國家資料來自隨本網站安裝的資料庫，不會詢問任何其他伺服器：',
  visitors: '為了統計訪客而非頁面數，您的 IP 位址和瀏覽器使用者代理字串會與一把每天更換、從不寫下的隨機金鑰結合。結果只保留到當天結束，之後即刪除；您的 IP 位址本身從不儲存，也沒有任何資料能把您在不同兩天的造訪連結起來。',
  optOut: '如果您的瀏覽器送出 Global Privacy Control 或 Do Not Track，我們會統計該頁面，但不把您計為訪客。搜尋引擎和其他機器人、瀏覽器預先載入的頁面、預覽以及網站自己的工作人員都不計入。',
  kept: '統計數字先按分鐘累計，兩天後改按小時，90 天後改按日。這些數字留在本網站的伺服器上，只向本網站的編輯顯示。',
};

const ar: AnalyticsStrings = {
  heading: 'إحصاءات القراءة',
  introCounting: 'لا يعرض هذا الموقع إعلانات ولا يحمّل شيئًا من مواقع أخرى. وإلى جانب سجلات الخادم المعتادة، يحصي كيف تُقرأ صفحاته، على خادمه الخاص، كما هو موضّح أدناه.',
  off: 'لا يحصي هذا الموقع قرّاءه: لا تُحفظ أي إحصاءات عن زياراتك.',
  noCookie: 'لا يستخدم الإحصاء أي ملف تعريف ارتباط (كوكي) ولا يخزّن شيئًا في متصفحك. نحصي لكل صفحة معروضة:',
  factPage: 'الصفحة ولغتها؛',
  factReferrer: 'اسم الموقع الذي أوصلك رابطه إلى هنا (اسمه فقط، لا عنوان الصفحة)؛',
  factCampaign: 'الحملة المذكورة في ذلك الرابط إن وُجدت (utm_source وutm_medium وutm_campaign)؛',
  factDevice: 'نوع الجهاز — حاسوب أو هاتف أو جهاز لوحي — كما يُستدل عليه من معرّف متصفحك؛',
  factCountry: 'البلد الذي يأتي منه اتصالك، ويُحدَّد على خادمنا الخاص؛',
  factRead: 'في الخبر، ما إذا بلغت نهاية نصّه.',
  countryData: 'يُستخرج البلد من قاعدة بيانات مثبّتة مع هذا الموقع، دون سؤال أي خادم آخر:',
  visitors: 'لإحصاء الزوّار لا الصفحات، يُدمج عنوان IP الخاص بك ومعرّف متصفحك بمفتاح عشوائي يتغيّر كل يوم ولا يُكتب في أي مكان. تُحفظ النتيجة حتى نهاية اليوم ثم تُحذف؛ ولا يُخزَّن عنوان IP نفسه أبدًا، ولا شيء يربط بين زياراتك في يومين مختلفين.',
  optOut: 'إذا أرسل متصفحك إشارة Global Privacy Control أو Do Not Track، نحصي الصفحة ولا نحصيك زائرًا. ولا تُحصى محركات البحث والروبوتات الأخرى، ولا الصفحات التي يحمّلها متصفحك مسبقًا، ولا المعاينات، ولا فريق الموقع نفسه.',
  kept: 'تُجمع الأعداد بالدقيقة، ثم بالساعة بعد يومين، ثم باليوم بعد 90 يومًا. وتبقى على خادم هذا الموقع ولا تُعرض إلا على محرريه.',
};

export const ANALYTICS_STRINGS: Record<string, AnalyticsStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

export const analyticsStrings = perLanguage((language: string): Readonly<AnalyticsStrings & { lang: string }> => {
  const lang = shippedLanguage(ANALYTICS_STRINGS, language);
  return Object.freeze({ ...ANALYTICS_STRINGS[lang], lang });
});

/**
 * The demo newsroom: a few stories written for Herald, in English, French, Traditional
 * Chinese and Arabic, some of them translations of each other. Nothing here is real news.
 */
export interface DemoVersion {
  language: string;
  title: string;
  standfirst: string;
  body: string;
  section: string;
  tags: string[];
  author: string;
  caption: string;
  alt: string;
  machineTranslated?: boolean;
  source?: { name: string; url: string; publishedAt: string };
}

export interface DemoStory {
  image: { name: string; hue: number; credit: string };
  /** Days before now when the story went out. */
  daysAgo: number;
  /** The first version is the original; the others are translations of it. */
  versions: DemoVersion[];
}

export const DEMO_AUTHORS = [
  { email: 'sam.taylor@example.org', name: 'Sam Taylor', bio: 'Environment reporter.' },
  { email: 'claire.martin@example.org', name: 'Claire Martin', bio: 'Journaliste, rubrique Société.' },
  { email: 'lin.weiting@example.org', name: '林蔚婷', bio: '交通與城市記者。' },
  { email: 'amina.haddad@example.org', name: 'أمينة حداد', bio: 'صحفية تغطي الاقتصاد والزراعة.' },
];

export const DEMO_STORIES: DemoStory[] = [
  {
    image: { name: 'river', hue: 200, credit: 'Herald demo' },
    daysAgo: 0,
    versions: [
      {
        language: 'en',
        title: 'Volunteers pull two tonnes of waste from the river in one weekend',
        standfirst: 'Three hundred residents joined the spring clean-up, the largest since the city began counting.',
        body: `Three hundred volunteers spent Saturday and Sunday along the riverbanks, filling more than four hundred bags with plastic, glass and old tyres.\n\n> "Every year we find less plastic and more people," said the organiser, a retired biology teacher.\n\nThe city's environment office says the amount of floating waste has fallen by a third since a deposit scheme for bottles began two years ago. The next clean-up is planned for **September**.`,
        section: 'Environment',
        tags: ['River', 'Volunteers', 'Recycling'],
        author: 'sam.taylor@example.org',
        caption: 'Volunteers sorting waste on the east bank on Saturday.',
        alt: 'Blue and green abstract picture of a river bank',
      },
      {
        language: 'fr',
        title: 'Des bénévoles retirent deux tonnes de déchets de la rivière en un week-end',
        standfirst: 'Trois cents habitants ont participé au grand nettoyage de printemps, le plus important depuis le début du comptage.',
        body: `Trois cents bénévoles ont passé samedi et dimanche au bord de la rivière, remplissant plus de quatre cents sacs de plastique, de verre et de vieux pneus.\n\n> « Chaque année, nous trouvons moins de plastique et plus de monde », a déclaré l'organisatrice, une ancienne professeure de biologie.\n\nSelon le service de l'environnement de la ville, la quantité de déchets flottants a baissé d'un tiers depuis la mise en place d'une consigne sur les bouteilles il y a deux ans. Le prochain nettoyage est prévu en **septembre**.`,
        section: 'Environnement',
        tags: ['Rivière', 'Bénévoles', 'Recyclage'],
        author: 'claire.martin@example.org',
        caption: 'Des bénévoles trient les déchets sur la rive est, samedi.',
        alt: 'Image abstraite bleue et verte d’une berge',
      },
      {
        language: 'zh-Hant',
        title: '志工一個週末從河中清出兩噸垃圾',
        standfirst: '三百名居民參加春季淨河活動，是市府開始統計以來規模最大的一次。',
        body: `三百名志工週六和週日沿著河岸清理，裝滿四百多袋塑膠、玻璃和廢輪胎。\n\n主辦人是一位退休的生物老師，她說：「每年我們撿到的塑膠越來越少，來的人越來越多。」\n\n市府環保局表示，自兩年前實施寶特瓶押金制度以來，河面漂流垃圾減少了三分之一。下一次淨河活動預計在**九月**舉行。`,
        section: '環境',
        tags: ['河川', '志工', '回收'],
        author: 'lin.weiting@example.org',
        caption: '志工週六在東岸分類垃圾。',
        alt: '藍綠色的河岸抽象圖',
        machineTranslated: true,
      },
    ],
  },
  {
    image: { name: 'market', hue: 30, credit: 'Herald demo' },
    daysAgo: 1,
    versions: [
      {
        language: 'fr',
        title: 'Le marché de nuit rouvre ses portes après deux ans de travaux',
        standfirst: 'Quarante commerçants ont retrouvé la halle rénovée, désormais ouverte jusqu’à minuit le vendredi.',
        body: `La halle du marché de nuit a rouvert vendredi soir devant une foule venue goûter les spécialités de quarante commerçants.\n\nLes travaux, financés par la ville et la région, ont permis d'isoler la toiture et d'installer des panneaux solaires. Les loyers des étals restent inchangés pendant un an.\n\n- Ouverture : mercredi et vendredi\n- Horaires : de 18 h à minuit\n- Accès : tramway ligne 2`,
        section: 'Société',
        tags: ['Marché', 'Commerce', 'Ville'],
        author: 'claire.martin@example.org',
        caption: 'La halle rénovée, vendredi soir.',
        alt: 'Image abstraite orange évoquant des étals éclairés',
      },
      {
        language: 'en',
        title: 'Night market reopens after two years of building work',
        standfirst: 'Forty traders are back in the renovated hall, now open until midnight on Fridays.',
        body: `The night market hall reopened on Friday evening to crowds who came to taste the food of forty traders.\n\nThe work, paid for by the city and the region, insulated the roof and added solar panels. Stall rents stay unchanged for a year.\n\n- Open: Wednesdays and Fridays\n- Hours: 6 pm to midnight\n- Getting there: tram line 2`,
        section: 'Society',
        tags: ['Market', 'Trade', 'City'],
        author: 'sam.taylor@example.org',
        caption: 'The renovated hall on Friday evening.',
        alt: 'Orange abstract picture suggesting lit market stalls',
      },
    ],
  },
  {
    image: { name: 'dates', hue: 45, credit: 'Herald demo' },
    daysAgo: 2,
    versions: [
      {
        language: 'ar',
        title: 'موسم قياسي لحصاد التمور في الواحات الجنوبية',
        standfirst: 'ارتفع إنتاج التمور هذا العام بنسبة عشرين في المئة بفضل أمطار الربيع وأساليب ري جديدة.',
        body: `بدأ المزارعون في الواحات الجنوبية جني محصول التمور في موسم يصفونه بالأفضل منذ عقد.\n\nوقال رئيس تعاونية المزارعين إن الري بالتنقيط خفّض استهلاك المياه بمقدار الثلث، في حين ساعدت أمطار الربيع على نضج الثمار مبكرًا.\n\nوتخطط التعاونية لتصدير جزء من المحصول إلى أوروبا لأول مرة هذا الشتاء.`,
        section: 'اقتصاد',
        tags: ['تمور', 'زراعة', 'واحات'],
        author: 'amina.haddad@example.org',
        caption: 'مزارعون يجمعون التمور في الواحة.',
        alt: 'صورة تجريدية بألوان ذهبية لنخيل',
      },
      {
        language: 'en',
        title: 'Record date harvest in the southern oases',
        standfirst: 'Date production rose by twenty per cent this year thanks to spring rain and new irrigation.',
        body: `Farmers in the southern oases have begun picking a date crop they call the best in a decade.\n\nThe head of the farmers' cooperative said drip irrigation cut water use by a third, while spring rain helped the fruit ripen early.\n\nThe cooperative plans to export part of the harvest to Europe for the first time this winter.`,
        section: 'Economy',
        tags: ['Dates', 'Farming', 'Oases'],
        author: 'sam.taylor@example.org',
        caption: 'Farmers gathering dates in the oasis.',
        alt: 'Golden abstract picture of palm trees',
        machineTranslated: true,
      },
    ],
  },
  {
    image: { name: 'metro', hue: 280, credit: 'Herald demo' },
    daysAgo: 3,
    versions: [
      {
        language: 'zh-Hant',
        title: '捷運新線通車首週載客突破百萬人次',
        standfirst: '環狀線通車後，市中心尖峰時段的公車延誤明顯減少。',
        body: `捷運環狀線上週通車，首週載客量突破一百萬人次，超出原先預估。\n\n交通局表示，尖峰時段市中心公車平均延誤時間從十二分鐘降到七分鐘。\n\n不少通勤族在車站表示，轉乘時間縮短了將近一半。市府計畫明年再增設兩座車站。`,
        section: '交通',
        tags: ['捷運', '通勤', '城市'],
        author: 'lin.weiting@example.org',
        caption: '通車首日的月台。',
        alt: '紫色調的捷運月台抽象圖',
      },
    ],
  },
  {
    image: { name: 'library', hue: 140, credit: 'Partner photo desk' },
    daysAgo: 4,
    versions: [
      {
        language: 'en',
        title: 'Village library lends seeds as well as books',
        standfirst: 'A seed library run by volunteers has signed up two hundred gardeners in its first season.',
        body: `The village library now lends packets of tomato, bean and squash seeds. Borrowers promise to bring back seeds from their best plants at the end of the season.\n\nThe librarian says the scheme has brought in many readers who had not visited for years.`,
        section: 'Society',
        tags: ['Library', 'Gardening', 'Village'],
        author: 'sam.taylor@example.org',
        caption: 'Seed packets on the library counter.',
        alt: 'Green abstract picture of seed packets',
        source: { name: 'The Valley Courier', url: 'https://example.org/valley-courier/seed-library', publishedAt: '2026-11-20T08:00:00Z' },
      },
    ],
  },
];

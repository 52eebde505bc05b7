import { perLanguage } from '../content/languages.js';
import { shippedLanguage, type PluralForms } from '../site/i18n.js';

/** Interface text of the comment section that the site's string table does not have. */
const en = {
  website: 'Website (optional)', reply: 'Reply', replyTo: 'Reply to {name}', cancelReply: 'Cancel reply',
  awaiting: 'Your comment is awaiting moderation. Only you can see it until an editor approves it.',
  received: 'Thank you: your comment is awaiting moderation.', published: 'Your comment is published.',
  closed: 'Comments on this story are closed.', none: 'No comments yet.', count: { one: '{n} comment', other: '{n} comments' },
  feed: 'Comments feed', staff: 'Newsroom', deleteMine: 'Delete my comments',
  forgetTitle: 'Delete your comments', forgetIntro: 'Give the e-mail address you commented with. We send a link to it; opening the link deletes every comment written with that address, together with the name, IP address and browser data kept with them.',
  forgetSend: 'Send me the link', forgetSent: 'If comments were written with this address, a link to delete them is on its way. It is valid for two days.',
  forgetConfirm: 'Delete every comment written with {email}? This cannot be undone.', forgetButton: 'Delete my comments',
  forgetDone: '{n} comments deleted.', back: 'Back to the story', problem: 'Your comment could not be sent',
  spamNotice: 'Comments are checked for spam on this site’s own server; nothing is sent to another company.',
  emailLabel: 'E-mail',
  forgetLinkBad: 'This link is not valid, or it has expired.', forgetAgain: 'Ask for a new link', emailInvalid: 'Give a valid e-mail address.',
};

type CommentStrings = Omit<typeof en, 'count'> & { count: PluralForms };

const fr: CommentStrings = {
  website: 'Site web (facultatif)', reply: 'Répondre', replyTo: 'Répondre à {name}', cancelReply: 'Annuler la réponse',
  awaiting: 'Votre commentaire attend la modération. Vous seul le voyez jusqu’à ce qu’un éditeur l’approuve.',
  received: 'Merci : votre commentaire attend la modération.', published: 'Votre commentaire est publié.',
  closed: 'Les commentaires de cet article sont fermés.', none: 'Aucun commentaire pour l’instant.', count: { one: '{n} commentaire', other: '{n} commentaires' },
  feed: 'Flux des commentaires', staff: 'Rédaction', deleteMine: 'Supprimer mes commentaires',
  forgetTitle: 'Supprimer vos commentaires', forgetIntro: 'Indiquez l’adresse e-mail utilisée pour commenter. Nous y envoyons un lien ; l’ouvrir supprime tous les commentaires écrits avec cette adresse, ainsi que le nom, l’adresse IP et les données du navigateur conservés avec eux.',
  forgetSend: 'M’envoyer le lien', forgetSent: 'Si des commentaires ont été écrits avec cette adresse, un lien pour les supprimer vous a été envoyé. Il est valable deux jours.',
  forgetConfirm: 'Supprimer tous les commentaires écrits avec {email} ? C’est définitif.', forgetButton: 'Supprimer mes commentaires',
  forgetDone: '{n} commentaires supprimés.', back: 'Retour à l’article', problem: 'Votre commentaire n’a pas pu être envoyé',
  spamNotice: 'Le spam est filtré sur le serveur de ce site ; rien n’est envoyé à une autre entreprise.',
  emailLabel: 'E-mail',
  forgetLinkBad: 'Ce lien n’est pas valide ou a expiré.', forgetAgain: 'Demander un nouveau lien', emailInvalid: 'Indiquez une adresse e-mail valide.',
};

const de: CommentStrings = {
  website: 'Website (optional)', reply: 'Antworten', replyTo: '{name} antworten', cancelReply: 'Antwort abbrechen',
  awaiting: 'Ihr Kommentar wartet auf Freigabe. Bis die Redaktion ihn freigibt, sehen nur Sie ihn.',
  received: 'Danke: Ihr Kommentar wartet auf Freigabe.', published: 'Ihr Kommentar ist veröffentlicht.',
  closed: 'Die Kommentare zu diesem Artikel sind geschlossen.', none: 'Noch keine Kommentare.', count: { one: '{n} Kommentar', other: '{n} Kommentare' },
  feed: 'Kommentar-Feed', staff: 'Redaktion', deleteMine: 'Meine Kommentare löschen',
  forgetTitle: 'Ihre Kommentare löschen', forgetIntro: 'Geben Sie die E-Mail-Adresse an, mit der Sie kommentiert haben. Wir senden einen Link an sie; wer ihn öffnet, löscht alle mit dieser Adresse geschriebenen Kommentare samt Name, IP-Adresse und Browserdaten, die dazu gespeichert sind.',
  forgetSend: 'Link senden', forgetSent: 'Wenn mit dieser Adresse Kommentare geschrieben wurden, ist ein Link zum Löschen unterwegs. Er gilt zwei Tage.',
  forgetConfirm: 'Alle mit {email} geschriebenen Kommentare löschen? Das lässt sich nicht rückgängig machen.', forgetButton: 'Meine Kommentare löschen',
  forgetDone: '{n} Kommentare gelöscht.', back: 'Zurück zum Artikel', problem: 'Ihr Kommentar konnte nicht gesendet werden',
  spamNotice: 'Kommentare werden auf dem eigenen Server dieser Website auf Spam geprüft; nichts wird an ein anderes Unternehmen gesendet.',
  emailLabel: 'E-Mail',
  forgetLinkBad: 'Dieser Link ist ungültig oder abgelaufen.', forgetAgain: 'Neuen Link anfordern', emailInvalid: 'Geben Sie eine gültige E-Mail-Adresse an.',
};

const es: CommentStrings = {
  website: 'Sitio web (opcional)', reply: 'Responder', replyTo: 'Responder a {name}', cancelReply: 'Cancelar respuesta',
  awaiting: 'Su comentario espera moderación. Solo usted lo ve hasta que la redacción lo apruebe.',
  received: 'Gracias: su comentario espera moderación.', published: 'Su comentario está publicado.',
  closed: 'Los comentarios de esta noticia están cerrados.', none: 'Todavía no hay comentarios.', count: { one: '{n} comentario', other: '{n} comentarios' },
  feed: 'Canal de comentarios', staff: 'Redacción', deleteMine: 'Borrar mis comentarios',
  forgetTitle: 'Borrar sus comentarios', forgetIntro: 'Indique el correo electrónico con el que comentó. Le enviamos un enlace; al abrirlo se borran todos los comentarios escritos con esa dirección, junto con el nombre, la dirección IP y los datos del navegador guardados con ellos.',
  forgetSend: 'Enviarme el enlace', forgetSent: 'Si se escribieron comentarios con esta dirección, le hemos enviado un enlace para borrarlos. Es válido durante dos días.',
  forgetConfirm: '¿Borrar todos los comentarios escritos con {email}? No se puede deshacer.', forgetButton: 'Borrar mis comentarios',
  forgetDone: '{n} comentarios borrados.', back: 'Volver a la noticia', problem: 'No se pudo enviar su comentario',
  spamNotice: 'El spam se filtra en el propio servidor de este sitio; no se envía nada a otra empresa.',
  emailLabel: 'Correo electrónico',
  forgetLinkBad: 'Este enlace no es válido o ha caducado.', forgetAgain: 'Pedir un enlace nuevo', emailInvalid: 'Indique un correo electrónico válido.',
};

const zhHant: CommentStrings = {
  website: '網站（選填）', reply: '回覆', replyTo: '回覆 {name}', cancelReply: '取消回覆',
  awaiting: '您的留言正在等待審核。在編輯核准之前，只有您看得到。',
  received: '謝謝：您的留言正在等待審核。', published: '您的留言已發布。',
  closed: '本則報導的留言已關閉。', none: '目前還沒有留言。', count: { other: '{n} 則留言' },
  feed: '留言訂閱', staff: '編輯部', deleteMine: '刪除我的留言',
  forgetTitle: '刪除您的留言', forgetIntro: '請填寫您留言時使用的電子郵件地址。我們會寄一個連結到該地址；開啟連結即會刪除以該地址寫下的所有留言，以及一併保存的姓名、IP 位址和瀏覽器資料。',
  forgetSend: '寄連結給我', forgetSent: '如果有以此地址寫下的留言，刪除連結已寄出，兩天內有效。',
  forgetConfirm: '要刪除以 {email} 寫下的所有留言嗎？此操作無法復原。', forgetButton: '刪除我的留言',
  forgetDone: '已刪除 {n} 則留言。', back: '回到報導', problem: '您的留言無法送出',
  spamNotice: '留言的垃圾訊息檢查在本站自己的伺服器上進行，不會傳送給任何其他公司。',
  emailLabel: '電子郵件',
  forgetLinkBad: '這個連結無效或已過期。', forgetAgain: '索取新的連結', emailInvalid: '請填寫有效的電子郵件地址。',
};

const ar: CommentStrings = {
  website: 'الموقع الإلكتروني (اختياري)', reply: 'رد', replyTo: 'الرد على {name}', cancelReply: 'إلغاء الرد',
  awaiting: 'تعليقك بانتظار المراجعة. لا يراه أحد غيرك حتى توافق عليه هيئة التحرير.',
  received: 'شكرًا: تعليقك بانتظار المراجعة.', published: 'نُشر تعليقك.',
  closed: 'التعليقات على هذا الخبر مغلقة.', none: 'لا توجد تعليقات بعد.', count: { zero: 'لا تعليقات', one: 'تعليق واحد', two: 'تعليقان', few: '{n} تعليقات', many: '{n} تعليقًا', other: '{n} تعليق' },
  feed: 'موجز التعليقات', staff: 'هيئة التحرير', deleteMine: 'احذف تعليقاتي',
  forgetTitle: 'احذف تعليقاتك', forgetIntro: 'اكتب البريد الإلكتروني الذي علّقت به. سنرسل إليه رابطًا؛ فتحه يحذف كل التعليقات المكتوبة بهذا العنوان، مع الاسم وعنوان IP وبيانات المتصفح المحفوظة معها.',
  forgetSend: 'أرسل لي الرابط', forgetSent: 'إذا كُتبت تعليقات بهذا العنوان، فرابط حذفها في الطريق إليك. وهو صالح لمدة يومين.',
  forgetConfirm: 'هل تحذف كل التعليقات المكتوبة بـ {email}؟ لا يمكن التراجع عن ذلك.', forgetButton: 'احذف تعليقاتي',
  forgetDone: 'حُذف {n} من التعليقات.', back: 'العودة إلى الخبر', problem: 'تعذّر إرسال تعليقك',
  spamNotice: 'تُفحص التعليقات بحثًا عن الرسائل المزعجة على خادم هذا الموقع نفسه؛ ولا يُرسل شيء إلى أي شركة أخرى.',
  emailLabel: 'البريد الإلكتروني',
  forgetLinkBad: 'هذا الرابط غير صالح أو انتهت صلاحيته.', forgetAgain: 'اطلب رابطًا جديدًا', emailInvalid: 'اكتب عنوان بريد إلكتروني صالحًا.',
};

export const COMMENT_STRINGS: Record<string, CommentStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

/** The comment section's strings for a language (see shippedLanguage), one frozen object per tag. */
export const commentStrings = perLanguage((language: string): Readonly<CommentStrings & { lang: string }> => {
  const lang = shippedLanguage(COMMENT_STRINGS, language);
  return Object.freeze({ ...COMMENT_STRINGS[lang], lang });
});

/** Interface text of the comment section that the site's string table does not have. */
const en = {
  website: 'Website (optional)', reply: 'Reply', replyTo: 'Reply to {name}', cancelReply: 'Cancel reply',
  awaiting: 'Your comment is awaiting moderation. Only you can see it until an editor approves it.',
  received: 'Thank you: your comment is awaiting moderation.', published: 'Your comment is published.',
  closed: 'Comments on this story are closed.', none: 'No comments yet.', count: '{n} comments', countOne: '1 comment',
  feed: 'Comments feed', staff: 'Newsroom', deleteMine: 'Delete my comments',
  forgetTitle: 'Delete your comments', forgetIntro: 'Give the e-mail address you commented with. We send a link to it; opening the link deletes every comment written with that address, together with the name, IP address and browser data kept with them.',
  forgetSend: 'Send me the link', forgetSent: 'If comments were written with this address, a link to delete them is on its way. It is valid for two days.',
  forgetConfirm: 'Delete every comment written with {email}? This cannot be undone.', forgetButton: 'Delete my comments',
  forgetDone: '{n} comments deleted.', back: 'Back to the story', problem: 'Your comment could not be sent',
  spamNotice: 'Comments are checked for spam on this site’s own server; nothing is sent to another company.',
};

type CommentStrings = typeof en;

const fr: CommentStrings = {
  website: 'Site web (facultatif)', reply: 'Répondre', replyTo: 'Répondre à {name}', cancelReply: 'Annuler la réponse',
  awaiting: 'Votre commentaire attend la modération. Vous seul le voyez jusqu’à ce qu’un éditeur l’approuve.',
  received: 'Merci : votre commentaire attend la modération.', published: 'Votre commentaire est publié.',
  closed: 'Les commentaires de cet article sont fermés.', none: 'Aucun commentaire pour l’instant.', count: '{n} commentaires', countOne: '1 commentaire',
  feed: 'Flux des commentaires', staff: 'Rédaction', deleteMine: 'Supprimer mes commentaires',
  forgetTitle: 'Supprimer vos commentaires', forgetIntro: 'Indiquez l’adresse e-mail utilisée pour commenter. Nous y envoyons un lien ; l’ouvrir supprime tous les commentaires écrits avec cette adresse, ainsi que le nom, l’adresse IP et les données du navigateur conservés avec eux.',
  forgetSend: 'M’envoyer le lien', forgetSent: 'Si des commentaires ont été écrits avec cette adresse, un lien pour les supprimer vous a été envoyé. Il est valable deux jours.',
  forgetConfirm: 'Supprimer tous les commentaires écrits avec {email} ? C’est définitif.', forgetButton: 'Supprimer mes commentaires',
  forgetDone: '{n} commentaires supprimés.', back: 'Retour à l’article', problem: 'Votre commentaire n’a pas pu être envoyé',
  spamNotice: 'Le spam est filtré sur le serveur de ce site ; rien n’est envoyé à une autre entreprise.',
};

const TABLE: Record<string, CommentStrings> = { en, fr };

export function commentStrings(language: string): CommentStrings & { lang: string } {
  const lang = TABLE[language] ? language : TABLE[language.split('-')[0]] ? language.split('-')[0] : 'en';
  return { ...TABLE[lang], lang };
}

import { Node } from '@tiptap/core';
import { recognizeEmbed, type Embed } from '../../../content/embeds.js';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    embed: {
      insertEmbed(embed: Embed): ReturnType;
    };
  }
}

/** A YouTube, X or Mastodon link card (see src/content/embeds.ts); one block, never a frame. */
export const EmbedCard = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { provider: { default: '' }, url: { default: '' }, label: { default: '' } };
  },
  parseHTML() {
    return [
      {
        tag: 'aside.embed',
        getAttrs: (element) => {
          const href = (element as HTMLElement).querySelector('a')?.getAttribute('href') ?? '';
          const embed = recognizeEmbed(href);
          return embed ? { ...embed, label: (element as HTMLElement).textContent?.trim() || embed.label } : false;
        },
      },
    ];
  },
  renderHTML({ node }) {
    return ['aside', { class: `embed embed-${node.attrs.provider}` }, ['a', { href: node.attrs.url, rel: 'noopener' }, node.attrs.label]];
  },
  addCommands() {
    return {
      insertEmbed:
        (embed) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: embed }),
    };
  },
});

import { mergeAttributes, Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a picture with its alt text, caption and credit. */
      insertFigure(attrs: { src: string; alt: string; caption: string; credit: string }): ReturnType;
    };
  }
}

/**
 * A picture with a caption and credit, stored as
 * `<figure><img><figcaption>Caption <small class="credit">Credit</small></figcaption></figure>`
 * (what the body sanitizer keeps and the public story page shows, the credit as the featured
 * picture's). One block; while it is selected, a form under the toolbar edits its alternative
 * text, caption and credit (rich-text.tsx), for pictures pasted or imported without them as well
 * as those inserted from the library.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: '' }, alt: { default: '' }, caption: { default: '' }, credit: { default: '' } };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (element) => {
          const img = (element as HTMLElement).querySelector('img');
          if (!img) return false;
          const figcaption = (element as HTMLElement).querySelector('figcaption');
          const credit = figcaption?.querySelector('small.credit');
          // The caption is the figcaption's text less its credit.
          const caption = figcaption ? [...figcaption.childNodes].filter((node) => node !== credit).map((node) => node.textContent).join('') : '';
          return {
            src: img.getAttribute('src') ?? '',
            alt: img.getAttribute('alt') ?? '',
            caption: caption.trim(),
            credit: credit?.textContent?.trim() ?? '',
          };
        },
      },
      {
        tag: 'img[src]',
        getAttrs: (element) => ({ src: (element as HTMLElement).getAttribute('src'), alt: (element as HTMLElement).getAttribute('alt') ?? '', caption: '', credit: '' }),
      },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    const img = ['img', mergeAttributes({ src: node.attrs.src, alt: node.attrs.alt, loading: 'lazy' })] as const;
    const { caption, credit } = node.attrs as { caption: string; credit: string };
    if (!caption && !credit) return ['figure', {}, img];
    const creditPart = ['small', { class: 'credit' }, credit] as const;
    const figcaption = caption && credit ? ['figcaption', {}, `${caption} `, creditPart] : ['figcaption', {}, caption || creditPart];
    return ['figure', mergeAttributes(HTMLAttributes, {}), img, figcaption];
  },
  addCommands() {
    return {
      insertFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});

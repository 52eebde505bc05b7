import { mergeAttributes, Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a picture with its alt text and caption. */
      insertFigure(attrs: { src: string; alt: string; caption: string }): ReturnType;
    };
  }
}

/**
 * A picture with a caption, stored as `<figure><img><figcaption>` (what the body sanitizer
 * keeps and the public story page shows). One block; while it is selected, a form under the
 * toolbar edits its alternative text and caption (rich-text.tsx), for pictures pasted or
 * imported without either as well as those inserted from the library.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: '' }, alt: { default: '' }, caption: { default: '' } };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (element) => {
          const img = (element as HTMLElement).querySelector('img');
          if (!img) return false;
          return {
            src: img.getAttribute('src') ?? '',
            alt: img.getAttribute('alt') ?? '',
            caption: (element as HTMLElement).querySelector('figcaption')?.textContent ?? '',
          };
        },
      },
      { tag: 'img[src]', getAttrs: (element) => ({ src: (element as HTMLElement).getAttribute('src'), alt: (element as HTMLElement).getAttribute('alt') ?? '', caption: '' }) },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    const img = ['img', mergeAttributes({ src: node.attrs.src, alt: node.attrs.alt, loading: 'lazy' })] as const;
    return node.attrs.caption
      ? ['figure', mergeAttributes(HTMLAttributes, {}), img, ['figcaption', {}, node.attrs.caption]]
      : ['figure', {}, img];
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

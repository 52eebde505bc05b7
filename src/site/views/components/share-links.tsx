import type { Interface } from '../../i18n.js';

/** Plain share links: each opens the network's own share page, so nothing loads until a reader clicks. */
export function shareTargets(url: string, title: string, image: string | null, emailLabel: string) {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(title);
  return [
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'X', href: `https://x.com/intent/post?url=${u}&text=${text}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'Pinterest', href: `https://pinterest.com/pin/create/button/?url=${u}&description=${text}${image ? `&media=${encodeURIComponent(image)}` : ''}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${text}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    { name: 'Mastodon', href: `https://mastodonshare.com/?text=${text}&url=${u}` },
    { name: emailLabel, href: `mailto:?subject=${text}&body=${u}` },
  ];
}

export function ShareLinks({ url, title, image, t }: { url: string; title: string; image: string | null; t: Interface }) {
  return (
    <section class="share" aria-labelledby="share-heading" lang={t.lang}>
      <h2 id="share-heading">{t.share}</h2>
      <ul>
        {shareTargets(url, title, image, t.email).map((target) => (
          <li>
            <a href={target.href} rel="noopener noreferrer nofollow">
              {target.name}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" hidden data-copy-link={url} data-copied={t.linkCopied} aria-controls="copy-status">
          {t.copyLink}
        </button>
        <span id="copy-status" class="copy-status" role="status" />
      </p>
    </section>
  );
}

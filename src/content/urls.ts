/** Site-relative path of a story: `/{language}/{slug}`, the slug percent-encoded. */
export function articlePath(language: string, slug: string): string {
  return `/${language}/${encodeURIComponent(slug)}`;
}

export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Site-relative links and images in a body made absolute: feed readers and fediverse servers have no base URL. */
export function absoluteLinks(html: string, baseUrl: string): string {
  return html.replace(/\b(src|href)="\/(?!\/)/g, `$1="${baseUrl.replace(/\/+$/, '')}/`);
}

export function tagPath(language: string, slug: string): string {
  return `/${language}/tag/${encodeURIComponent(slug)}`;
}

export function sectionPath(language: string, slug: string): string {
  return `/${language}/section/${encodeURIComponent(slug)}`;
}

export function authorPath(language: string, slug: string): string {
  return `/${language}/author/${encodeURIComponent(slug)}`;
}

export function mediaPath(path: string): string {
  return `/media/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Names of what a public response shows, so a cache can drop exactly the responses a write
 * affects. Every public route (pages, feeds, sitemaps, Content API) declares its keys.
 *
 *   article:ID   one story version          story:ID    any version of a story
 *   tag:ID       a tag page / feed          section:ID  a section page / feed
 *   author:ID    an author page / feed      settings    anything showing site settings
 *   list:LANG    any listing of stories in a language (home, feeds, sitemaps, archives)
 *   comments:ID  the comments of article ID
 *   newsletters:LANG  the subscribe forms of a language (its public newsletters)
 *   content-api  every Content API answer (kept per URL, `?key=` included: revoking a key drops them)
 */
export const cacheKey = {
  article: (id: number) => `article:${id}`,
  story: (id: number) => `story:${id}`,
  tag: (id: number) => `tag:${id}`,
  section: (id: number) => `section:${id}`,
  author: (id: number) => `author:${id}`,
  list: (language: string) => `list:${language}`,
  comments: (articleId: number) => `comments:${articleId}`,
  newsletters: (language: string) => `newsletters:${language}`,
  settings: 'settings',
  contentApi: 'content-api',
};

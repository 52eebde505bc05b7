/** How many days a deleted live entry may be restored (until the blog is archived); the editor says it too. */
export const RESTORE_DAYS = 30;

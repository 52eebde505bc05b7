/** A newsletter as the Admin API gives it: the server's own type, erased at build time. */
export type { Newsletter } from '../../../newsletters/newsletters.service.js';

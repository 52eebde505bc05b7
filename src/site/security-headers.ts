import type { FastifyReply } from 'fastify';
import helmet from 'helmet';

// Built once: helmet parses its options whenever a middleware is made, which per page cost
// more than sending the headers.
const applySecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      // Featured images may be given as a URL on another site; everything else is ours.
      imgSrc: ["'self'", 'data:', 'https:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
  },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginEmbedderPolicy: false,
});

/** Security headers (CSP, nosniff, Referrer-Policy…) for the public pages; the admin app sets its own. */
export function setSecurityHeaders(reply: FastifyReply): void {
  applySecurityHeaders(reply.request.raw, reply.raw, () => undefined);
}

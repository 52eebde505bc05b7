/**
 * Which build of Herald is running: the version and commit that `npm run build` wrote into
 * dist/ (bin/build-server.js defines the constant), or the sources run by `npm run dev`.
 */
declare const __HERALD_BUILD__: { version: string; commit: string | null; builtAt: string } | undefined;

export const BUILD =
  typeof __HERALD_BUILD__ === 'undefined' ? { version: 'sources', commit: null, builtAt: null } : { ...__HERALD_BUILD__ };

/** "Herald 0.1.0 (commit abc1234, built 2026-12-02T20:50:00Z)", or "Herald from the TypeScript sources". */
export function describeBuild(): string {
  if (BUILD.version === 'sources') return 'Herald from the TypeScript sources (npm run dev)';
  return `Herald ${BUILD.version} (${BUILD.commit ? `commit ${BUILD.commit}, ` : ''}built ${BUILD.builtAt})`;
}

export type RouteParams = Record<string, string>;

/**
 * Matches `/channels/:id/*` style patterns against a path. `:name` takes one segment, a trailing `*` takes the
 * rest (possibly nothing) as `params['*']`. Segments are URL-decoded.
 */
export function matchPattern(pattern: string, path: string): RouteParams | null {
  const want = splitPath(pattern);
  const have = splitPath(path);
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part === '*' && i === want.length - 1) {
      params['*'] = have.slice(i).join('/');
      return params;
    }
    const segment = have[i];
    if (segment === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return have.length === want.length ? params : null;
}

export function splitPath(path: string): string[] {
  return path
    .split('?')[0]!
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** Builds a path from segments, encoding each: `pathOf('channels', 3, 'detail')` -> `/channels/3/detail`. */
export function pathOf(...segments: (string | number)[]): string {
  return `/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
}

/** `#/channels/3` -> `/channels/3`; anything that is not a hash route is the home page. */
export function pathFromHash(hash: string): string {
  const path = hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

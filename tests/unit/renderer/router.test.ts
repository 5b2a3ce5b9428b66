import { describe, expect, it } from 'vitest';
import { matchPattern, pathFromHash, pathOf, splitPath } from '../../../src-renderer/router/match';

describe('hash routes', () => {
  it('matches fixed paths exactly', () => {
    expect(matchPattern('/', '/')).toEqual({});
    expect(matchPattern('/settings', '/settings')).toEqual({});
    expect(matchPattern('/settings', '/settings/')).toEqual({});
    expect(matchPattern('/settings', '/settings/x')).toBeNull();
    expect(matchPattern('/', '/settings')).toBeNull();
  });

  it('captures named segments and the rest after *', () => {
    expect(matchPattern('/channels/:id/*', '/channels/3')).toEqual({ id: '3', '*': '' });
    expect(matchPattern('/channels/:id/*', '/channels/3/detail')).toEqual({ id: '3', '*': 'detail' });
    expect(matchPattern('/channels/:id/*', '/channels/3/contacts/42')).toEqual({ id: '3', '*': 'contacts/42' });
    expect(matchPattern('/channels/:id/*', '/channels')).toBeNull();
  });

  it('decodes segments, and survives malformed escapes', () => {
    expect(matchPattern('/x/:name', '/x/%C3%A7ay%20evi')).toEqual({ name: 'çay evi' });
    expect(splitPath('/x/%E0%A4%A')).toEqual(['x', '%E0%A4%A']);
    expect(pathOf('channels', 3, 'a/b')).toBe('/channels/3/a%2Fb');
    expect(matchPattern('/channels/:id/:tab', pathOf('channels', 3, 'a/b'))).toEqual({ id: '3', tab: 'a/b' });
  });

  it('reads the path from the hash, treating anything else as home', () => {
    expect(pathFromHash('#/channels/3/detail')).toBe('/channels/3/detail');
    expect(pathFromHash('')).toBe('/');
    expect(pathFromHash('#')).toBe('/');
    expect(pathFromHash('#section')).toBe('/');
    expect(splitPath('/channels/3?tab=x')).toEqual(['channels', '3']);
  });
});

/**
 * The Content-Security-Policy both the desktop window and web mode send with the UI. Scripts only from the app
 * itself; inline styles are allowed because Mantine sets style attributes at run time; images may be data/blob
 * URLs because the QR code and image previews are rendered that way.
 */
export function contentSecurityPolicy(opts: { connectSrc?: string[] } = {}): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(opts.connectSrc ?? [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

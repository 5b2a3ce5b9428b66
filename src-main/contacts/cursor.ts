import { z } from 'zod';
import { AppError } from '../../src-shared/errors';

/**
 * Keyset cursors are opaque to clients: the mode they belong to, the sort key and the id of the last row sent.
 * A cursor from another sort or query mode is refused instead of silently restarting the list.
 */
const cursorSchema = z.object({
  m: z.string().max(20),
  k: z.union([z.string().max(400), z.number(), z.null()]).optional(),
  i: z.number().int().nonnegative(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined, mode: string): Cursor | null {
  if (raw === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const c = cursorSchema.safeParse(parsed);
  if (!c.success || c.data.m !== mode) {
    throw new AppError(
      'invalid_cursor',
      {
        en: 'This page link is out of date (the sort or search changed). Start again from the first page.',
        tr: 'Bu sayfa bağlantısı geçersiz (sıralama veya arama değişti). İlk sayfadan yeniden başlayın.',
      },
      { field: 'cursor' },
    );
  }
  return c.data;
}

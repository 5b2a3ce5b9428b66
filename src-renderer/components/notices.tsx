import { Notification, Portal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { create } from 'zustand';
import { IconAlert, IconCheck, IconInfo } from './icons';

export type NoticeTone = 'success' | 'error' | 'info';

export interface Notice {
  id: number;
  tone: NoticeTone;
  title?: ReactNode;
  message: ReactNode;
}

interface NoticesState {
  items: Notice[];
  dismiss(id: number): void;
}

const useNotices = create<NoticesState>((set) => ({
  items: [],
  dismiss: (id) => set((s) => ({ items: s.items.filter((n) => n.id !== id) })),
}));

let nextId = 1;
const LIFETIME_MS: Record<NoticeTone, number> = { success: 4_000, info: 6_000, error: 10_000 };
const MAX_VISIBLE = 4;

/** Shows a short message in the corner ("Saved", "Channel deleted") that goes away by itself. */
export function notify(notice: Omit<Notice, 'id'>): void {
  const id = nextId++;
  useNotices.setState((s) => ({ items: [...s.items, { ...notice, id }].slice(-MAX_VISIBLE) }));
  window.setTimeout(() => useNotices.getState().dismiss(id), LIFETIME_MS[notice.tone]);
}

const TONE = {
  success: { color: 'teal', icon: <IconCheck size={18} /> },
  error: { color: 'red', icon: <IconAlert size={18} /> },
  info: { color: 'blue', icon: <IconInfo size={18} /> },
} as const;

export function NoticeHost() {
  const items = useNotices((s) => s.items);
  const dismiss = useNotices((s) => s.dismiss);
  if (items.length === 0) return null;
  return (
    <Portal>
      <Stack gap="xs" pos="fixed" bottom={20} right={20} w={360} style={{ zIndex: 1000 }} aria-live="polite">
        {items.map((n) => (
          <Notification
            key={n.id}
            color={TONE[n.tone].color}
            icon={TONE[n.tone].icon}
            title={n.title}
            withBorder
            radius="md"
            className="wa-notice"
            onClose={() => dismiss(n.id)}
            data-testid={`notice-${n.tone}`}
          >
            {n.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}

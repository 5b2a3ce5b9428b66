import { AppShell, Button, Container } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { startChannelsSync, useChannels } from './channels/store';
import { IconArrowLeft, IconX } from './components/icons';
import { NoticeHost } from './components/notices';
import { EmptyState } from './components/PageState';
import { Header } from './layout/Header';
import { LiveStatusBanner } from './layout/LiveStatusBanner';
import { href, useRoutePath } from './router/hash';
import { matchPattern } from './router/match';
import { pages } from './router/pages';
import { useSettings } from './settings/store';

export function App() {
  const path = useRoutePath();

  useEffect(() => {
    void useSettings.getState().load();
    void useChannels.getState().load();
    return startChannelsSync();
  }, []);

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [path]);

  let page = <NotFound />;
  for (const def of pages) {
    const params = matchPattern(def.pattern, path);
    if (params) {
      page = <def.Component key={def.key} params={params} />;
      break;
    }
  }

  return (
    <AppShell header={{ height: 60 }} padding={0} className="wa-shell">
      <AppShell.Header className="wa-header">
        <Header />
      </AppShell.Header>
      <AppShell.Main>
        <LiveStatusBanner />
        <Container size="xl" py={32} px={{ base: 'md', sm: 'xl' }}>
          {page}
        </Container>
      </AppShell.Main>
      <NoticeHost />
    </AppShell>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconX size={32} />}
      title={t('states.notFoundTitle')}
      text={t('states.notFoundText')}
      testId="not-found"
      action={
        <Button component="a" href={href('/')} leftSection={<IconArrowLeft size={16} />}>
          {t('states.goHome')}
        </Button>
      }
    />
  );
}

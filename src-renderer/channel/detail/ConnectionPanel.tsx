import { Alert, Button, Card, Center, Group, List, Loader, Modal, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ConnectionState } from '../../../src-shared/api';
import { formatPhone } from '../../../src-shared/domain/phone';
import { toApiError } from '../../api/errors';
import {
  IconAlert,
  IconBan,
  IconBrowser,
  IconCheck,
  IconDeviceMobile,
  IconLogout,
  IconPlug,
  IconPlugOff,
  IconQrCode,
  IconRefresh,
  IconScan,
  IconWifiOff,
  type IconProps,
} from '../../components/icons';
import { notify } from '../../components/notices';
import { ConnectionBadge } from '../../channels/badges';
import { connectionActions, STATE_META } from '../../channels/model';
import { useChannels } from '../../channels/store';
import { navigate } from '../../router/hash';
import { QrCode } from './QrCode';

type Action = 'connect' | 'disconnect' | 'logout' | 'simulateScan';

/** The live WhatsApp link of a channel: its state, the QR code to scan, and what can be done next. */
export function ConnectionPanel({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation('channels');
  const language = i18n.resolvedLanguage ?? 'en';
  const store = useChannels();
  const [running, setRunning] = useState<Action | null>(null);
  const [confirmLogout, setConfirmLogout] = useState(false);
  const { connection, demo } = channel;
  const { state } = connection;
  const actions = connectionActions(state, demo);
  const meta = STATE_META[state];
  const detail = language === 'tr' ? (connection.detailTr ?? connection.detail) : connection.detail;

  async function run(action: Action) {
    setRunning(action);
    try {
      await store[action](channel.id);
    } catch (err) {
      notify({ tone: 'error', title: t('connection.failed'), message: toApiError(err).text(language) });
    } finally {
      setRunning(null);
    }
  }

  return (
    <Card withBorder radius="lg" padding="xl" data-testid="connection-panel" data-state={state}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={4}>{t('connection.title')}</Title>
        <ConnectionBadge state={state} />
      </Group>

      <Stack gap="md">
        {state === 'qr' && connection.qr ? (
          <Stack gap="md" align="center">
            <QrCode value={connection.qr} alt={t('connection.qrAlt')} />
            {demo ? (
              <Alert color="grape" variant="light" w="100%" data-testid="demo-scan-note">
                {t('connection.demoNote')}
              </Alert>
            ) : (
              <List type="ordered" size="sm" spacing={6} w="100%" c="dark.4">
                <List.Item>{t('connection.qrStep1')}</List.Item>
                <List.Item>{t('connection.qrStep2')}</List.Item>
                <List.Item>{t('connection.qrStep3')}</List.Item>
              </List>
            )}
            <Text size="xs" c="dimmed" ta="center">
              {t('connection.qrRefresh')}
            </Text>
          </Stack>
        ) : (
          <StateSummary channel={channel} />
        )}

        {connection.phoneMismatch ? (
          <Alert color="yellow" variant="light" icon={<IconAlert size={18} />} title={t('connection.mismatchTitle')} data-testid="phone-mismatch">
            {detail}
          </Alert>
        ) : (
          detail &&
          state !== 'ready' && (
            <Alert color={meta.color === 'gray' ? 'blue' : meta.color} variant="light" icon={<IconAlert size={18} />} data-testid="connection-detail">
              {detail}
            </Alert>
          )
        )}

        {connection.retryAt !== null && <RetryNotice at={connection.retryAt} />}

        <Group gap="sm" mt="xs">
          {actions.simulateScan && (
            <Button
              color="grape"
              leftSection={<IconScan size={16} />}
              loading={running === 'simulateScan'}
              onClick={() => void run('simulateScan')}
              data-testid="simulate-scan"
            >
              {t('connection.simulateScan')}
            </Button>
          )}
          {actions.connect && (
            <Button
              leftSection={state === 'offline' ? <IconRefresh size={16} /> : <IconPlug size={16} />}
              loading={running === 'connect'}
              onClick={() => void run('connect')}
              data-testid="connect"
            >
              {state === 'offline' || state === 'browser_missing' ? t('connection.retryNow') : t('connection.connect')}
            </Button>
          )}
          {state === 'browser_missing' && (
            <Button variant="light" leftSection={<IconBrowser size={16} />} onClick={() => navigate('/settings')}>
              {t('connection.openSettings')}
            </Button>
          )}
          {actions.disconnect && (
            <Button
              variant="default"
              leftSection={<IconPlugOff size={16} />}
              loading={running === 'disconnect'}
              onClick={() => void run('disconnect')}
              data-testid="disconnect"
            >
              {t('connection.disconnect')}
            </Button>
          )}
          {actions.logout && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconLogout size={16} />}
              loading={running === 'logout'}
              onClick={() => setConfirmLogout(true)}
              data-testid="logout"
            >
              {t('connection.logout')}
            </Button>
          )}
        </Group>
      </Stack>

      <Modal
        opened={confirmLogout}
        onClose={() => setConfirmLogout(false)}
        title={t('connection.logoutTitle')}
        centered
        radius="lg"
      >
        <Text size="sm">{t('connection.logoutText')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirmLogout(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirmLogout(false);
              void run('logout');
            }}
            data-testid="logout-confirm"
          >
            {t('connection.logout')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

const STATE_ICON: Record<ConnectionState, (props: IconProps) => ReactNode> = {
  disconnected: IconPlugOff,
  starting: IconDeviceMobile,
  qr: IconQrCode,
  authenticating: IconDeviceMobile,
  ready: IconCheck,
  offline: IconWifiOff,
  browser_missing: IconBrowser,
  logged_out: IconLogout,
  blocked: IconBan,
};

function StateSummary({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  const { state, connectedPhone } = channel.connection;
  const meta = STATE_META[state];
  const StateIcon = STATE_ICON[state];
  const visual =
    meta.tone === 'busy' ? (
      <Loader size={30} color={meta.color} />
    ) : (
      <ThemeIcon size={56} radius={28} variant="light" color={meta.color}>
        <StateIcon size={26} />
      </ThemeIcon>
    );
  return (
    <Center py="lg">
      <Stack gap="xs" align="center" maw={320} ta="center">
        <Center h={56}>{visual}</Center>
        {state === 'ready' && connectedPhone ? (
          <Text fw={600} data-testid="connected-as" className="wa-nums">
            {t('connection.connectedAs', { phone: formatPhone(connectedPhone) })}
          </Text>
        ) : (
          <Text fw={600}>{t(`state.${state}`)}</Text>
        )}
        <Text size="sm" c="dimmed">
          {t(`stateHint.${state}`)}
        </Text>
      </Stack>
    </Center>
  );
}

/** "Next attempt at 14:03:12 (in 25 s)", counting down once a second. */
function RetryNotice({ at }: { at: number }) {
  const { t, i18n } = useTranslation('channels');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [at]);
  const seconds = Math.max(0, Math.ceil((at - now) / 1_000));
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { timeStyle: 'medium' }).format(at);
  const left = seconds > 0 ? t('common:time.inSeconds', { count: seconds }) : t('common:time.now');
  return (
    <Text size="sm" c="dimmed" data-testid="retry-at">
      {t('connection.retryAt', { time, left })}
    </Text>
  );
}

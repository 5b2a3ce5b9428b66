import { SegmentedControl, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../i18n/define';
import { useSettings } from '../settings/store';

/** EN | TR in the header; the choice is kept on this machine and saved as the app's setting. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLanguage = useSettings((s) => s.setLanguage);
  const value = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <Tooltip label={t('language.label')} withArrow>
      <SegmentedControl
        size="xs"
        radius="xl"
        value={value}
        onChange={(v) => isLanguage(v) && void setLanguage(v)}
        data={LANGUAGES.map((lang) => ({
          value: lang,
          label: <span aria-label={t(`language.${lang}`)} data-testid={`language-${lang}`}>{lang.toUpperCase()}</span>,
        }))}
        data-testid="language-switch"
      />
    </Tooltip>
  );
}

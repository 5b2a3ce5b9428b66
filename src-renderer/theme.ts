import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** WhatsApp's green family, tuned so shade 6 (buttons) passes contrast with white text. */
const brand: MantineColorsTuple = [
  '#e7faf3',
  '#d3f1e6',
  '#a8e2cc',
  '#79d2b0',
  '#52c598',
  '#38bd89',
  '#0f9d73',
  '#0b8a64',
  '#067a58',
  '#006a4a',
];

export const theme = createTheme({
  primaryColor: 'teal',
  colors: { teal: brand },
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI Variable", "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily:
      'Inter, "Segoe UI Variable", "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontWeight: '700',
    sizes: { h2: { fontSize: '1.625rem', lineHeight: '1.25' }, h4: { fontSize: '1.0625rem', lineHeight: '1.35' } },
  },
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { shadow: 'xs' } },
    TextInput: { defaultProps: { radius: 'md' } },
    Select: { defaultProps: { radius: 'md' } },
  },
});

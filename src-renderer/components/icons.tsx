import type { ReactNode, SVGProps } from 'react';

/** Line icons drawn inline (24x24, stroke = text colour), so the UI needs no icon font or extra package. */
export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

/** Makes an icon component from its SVG paths; features with pictures of their own build them with it too. */
export function icon(paths: ReactNode) {
  return function Icon({ size = 18, ...rest }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
        focusable={false}
        {...rest}
      >
        {paths}
      </svg>
    );
  };
}

export const IconSettings = icon(
  <>
    <path d="M10.3 4.3c.4-1.7 3-1.7 3.4 0a1.7 1.7 0 0 0 2.6 1.1c1.5-.9 3.3.8 2.4 2.4a1.7 1.7 0 0 0 1 2.5c1.8.4 1.8 3 0 3.4a1.7 1.7 0 0 0-1 2.6c.9 1.5-.9 3.3-2.4 2.4a1.7 1.7 0 0 0-2.6 1c-.4 1.8-3 1.8-3.4 0a1.7 1.7 0 0 0-2.5-1c-1.6.9-3.3-.9-2.4-2.4a1.7 1.7 0 0 0-1.1-2.6c-1.7-.4-1.7-3 0-3.4a1.7 1.7 0 0 0 1.1-2.5c-.9-1.6.8-3.3 2.4-2.4 1 .6 2.3 0 2.5-1.1Z" />
    <circle cx="12" cy="12" r="3" />
  </>,
);
export const IconPlus = icon(<path d="M12 5v14M5 12h14" />);
export const IconChevronDown = icon(<path d="m6 9 6 6 6-6" />);
export const IconChevronRight = icon(<path d="m9 6 6 6-6 6" />);
export const IconArrowLeft = icon(<path d="M5 12h14M5 12l6 6M5 12l6-6" />);
export const IconTrash = icon(<path d="M4 7h16M10 11v6M14 11v6M5 7l1 12a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2l1-12M9 7V4a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v3" />);
export const IconPhone = icon(
  <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />,
);
export const IconQrCode = icon(
  <>
    <rect x="4" y="4" width="6" height="6" rx="1" />
    <rect x="14" y="4" width="6" height="6" rx="1" />
    <rect x="4" y="14" width="6" height="6" rx="1" />
    <path d="M14 14h2v2h-2zM18 14h2M14 18v2M18 18h2v2M16 16v4" />
  </>,
);
export const IconPlug = icon(<path d="M9 3v5M15 3v5M7 8h10v3a5 5 0 0 1-10 0zM12 16v5" />);
export const IconPlugOff = icon(<path d="M9 3v3M15 3v5M17 8v3a5 5 0 0 1-1.2 3.2M9 9H7v2a5 5 0 0 0 7.6 4.3M12 16v5M3 3l18 18" />);
export const IconLogout = icon(<path d="M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2M9 12h12l-3-3M18 15l3-3" />);
export const IconLanguage = icon(
  <>
    <path d="M4 5h7M9 3v2c0 4.4-2.2 8-5 8M5 9c0 2.1 2.9 3.9 6.4 4" />
    <path d="M12 20l4-9 4 9M19.1 18h-6.2" />
  </>,
);
export const IconAlert = icon(<path d="M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />);
export const IconInfo = icon(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 8h.01M11 12h1v4h1" />
  </>,
);
export const IconWifiOff = icon(
  <path d="M12 18h.01M9.2 15.2a4 4 0 0 1 5.6 0M6.4 12.4a8 8 0 0 1 4.1-2.2M14.3 10.3a8 8 0 0 1 3.3 2.1M3.5 9.5A12 12 0 0 1 7 7.3M11 6a12 12 0 0 1 9.5 3.5M3 3l18 18" />,
);
export const IconBan = icon(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="m5.7 5.7 12.6 12.6" />
  </>,
);
export const IconCheck = icon(<path d="m5 12 5 5L20 7" />);
export const IconX = icon(<path d="M18 6 6 18M6 6l12 12" />);
export const IconRefresh = icon(<path d="M20 11A8.1 8.1 0 0 0 4.5 9M4 5v4h4M4 13a8.1 8.1 0 0 0 15.5 2M20 19v-4h-4" />);
export const IconBrowser = icon(
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 9h18M7 6.5h.01M10 6.5h.01" />
  </>,
);
export const IconFlask = icon(<path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3M7 15h10" />);
export const IconMessages = icon(
  <>
    <path d="M21 14l-3-3h-7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v10" />
    <path d="M14 15v2a1 1 0 0 1-1 1H6l-3 3V11a1 1 0 0 1 1-1h2" />
  </>,
);
export const IconDeviceMobile = icon(
  <>
    <rect x="6" y="3" width="12" height="18" rx="2" />
    <path d="M11 4h2M12 17v.01" />
  </>,
);
export const IconScan = icon(<path d="M4 7V6a2 2 0 0 1 2-2h2M4 17v1a2 2 0 0 0 2 2h2M16 4h2a2 2 0 0 1 2 2v1M16 20h2a2 2 0 0 0 2-2v-1M5 12h14" />);

/** The product mark: a speech bubble on the brand colour. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable={false}>
      <defs>
        <linearGradient id="wa-desk-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#25d366" />
          <stop offset="1" stopColor="#0f8a6d" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="9" fill="url(#wa-desk-logo)" />
      <path
        d="M16 7.5c-4.9 0-8.8 3.5-8.8 7.9 0 2.4 1.2 4.6 3.1 6l-.6 3.6 3.6-2a9.9 9.9 0 0 0 2.7.4c4.9 0 8.8-3.5 8.8-8s-3.9-7.9-8.8-7.9Z"
        fill="#fff"
      />
      <path d="M12 14.2h8M12 17.2h5.5" stroke="#0f8a6d" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

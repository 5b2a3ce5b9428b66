import type { SVGProps } from 'react';

/** The two pictures groups need that the shared set lacks: people (a group) and a pencil (edit). */
type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

const stroke = (size: number): SVGProps<SVGSVGElement> => ({
  width: size,
  height: size,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
});

export function GroupsIcon({ size = 18, ...rest }: IconProps) {
  return (
    <svg {...stroke(size)} {...rest}>
      <circle cx="9" cy="8" r="3" />
      <path d="M3 19c.7-3 3-4.5 6-4.5s5.3 1.5 6 4.5M16 5.3a3 3 0 0 1 0 5.4M18 14.8c1.6.6 2.6 2 3 4.2" />
    </svg>
  );
}

export function EditIcon({ size = 18, ...rest }: IconProps) {
  return (
    <svg {...stroke(size)} {...rest}>
      <path d="M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16v4ZM13.5 6.5l4 4" />
    </svg>
  );
}

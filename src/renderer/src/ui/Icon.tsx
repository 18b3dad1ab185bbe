/**
 * The app's small line icons, drawn on a 16-unit grid with the current text colour.
 * Decorative by default (aria-hidden); pass `label` when the icon alone carries meaning.
 */
const PATHS = {
  paperclip: 'M10.5 4.5 5.6 9.4a1.5 1.5 0 0 0 2.1 2.1l5-5a3 3 0 0 0-4.2-4.2l-5 5a4.5 4.5 0 0 0 6.4 6.4L14 9.6',
  search: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5',
  settings:
    'M8 10.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.5 1.5M11.5 11.5 13 13M3 13l1.5-1.5M11.5 4.5 13 3',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  flag: 'M3 14.5V2M3 2.5h9l-2 3 2 3H3',
  check: 'M2.5 8.5 6 12l7.5-8',
  x: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
  clock: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 4.5V8l2.5 1.5',
  download: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11',
  open: 'M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4',
  file: 'M4 1.5h5l3.5 3.5v9.5H4zM9 1.5V5h3.5',
  reply: 'M6.5 3.5 2.5 7.5l4 4M2.5 7.5h6.5a4.5 4.5 0 0 1 4.5 4.5v1',
  compose: 'M10.5 2.5l3 3-7.5 7.5H3V10zM9 4l3 3',
  keyboard: 'M1.5 4h13v8h-13zM4 6.5h.5M6.5 6.5H7M9 6.5h.5M11.5 6.5h.5M5 9.5h6',
  alert: 'M8 1.8 15 14H1zM8 6v4M8 11.8v.4',
  info: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 7.2v4.3M8 4.6v.4',
  chevronDown: 'M3.5 6 8 10.5 12.5 6',
  chevronLeft: 'M10 3.5 5.5 8l4.5 4.5',
  chevronRight: 'M6 3.5 10.5 8 6 12.5',
  ban: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM3.4 3.4l9.2 9.2',
  inbox: 'M1.5 9h4l1 2h3l1-2h4M1.5 9l2-6.5h9l2 6.5v4.5h-13z',
  send: 'M14.5 1.5 7 9M14.5 1.5 10 14.5 7 9 1.5 6z',
  image: 'M1.5 2.5h13v11h-13zM1.5 11l4-4 3 3 2-2 4 4M10.5 6.5a1 1 0 1 0 0-.1',
  zoomIn: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5M5 7h4M7 5v4',
  zoomOut: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5M5 7h4',
  // A tray with an arrow leaving it: what waits to go out.
  outbox: 'M1.5 9h4l1 2h3l1-2h4M1.5 9v5h13V9M8 7.5V1.5M5.5 4 8 1.5 10.5 4',
  // Bars over an axis: the seller's figures.
  chart: 'M1.5 14.5h13M3.5 12V8M7 12V4.5M10.5 12V7M14 12V2.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({
  name,
  label,
  size = 16,
  className,
}: {
  name: IconName;
  label?: string;
  size?: number;
  className?: string;
}) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

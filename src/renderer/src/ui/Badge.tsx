/** A small label for states and counts (delivery state, "reported", "opted out"). */
import type { HTMLAttributes, ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({
  tone = 'neutral',
  children,
  className,
  ...rest
}: { tone?: BadgeTone; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span className={`badge badge-${tone}${className ? ` ${className}` : ''}`} {...rest}>
      {children}
    </span>
  );
}

import { type ClassValue, clsx } from "clsx";

/**
 * Join class names (shadcn's `cn`, without tailwind-merge: that is ~9 kB gzip in the browser).
 * So a component's classes never fight a caller's, differences are variants (cva), and callers
 * add only classes for properties the component leaves alone.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}

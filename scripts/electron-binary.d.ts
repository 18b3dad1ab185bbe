// Types for scripts/electron-binary.js (plain JavaScript: it runs before anything is built).
export function electronPackageDir(): string | null;
export function electronVersion(): string | null;
export function electronBinary(): string | null;

/** Vite's `?raw` import: a file's text as a string (tests read public/ files this way; the renderer has no Node). */
declare module '*?raw' {
  const text: string;
  export default text;
}

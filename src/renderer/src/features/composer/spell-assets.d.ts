/** Vite hands an imported file's bundled URL as the default export of `<file>?url`. */
declare module '*?url' {
  const url: string;
  export default url;
}

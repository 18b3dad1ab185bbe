/** Stylesheets are bundled by Vite; a side-effect import has no value. */
declare module '*.css';

/**
 * The Unicode fonts the PDF transcript is set in (DejaVu: Latin with its extensions, Greek, Cyrillic, €, arrows), so a
 * buyer named "Łódź" or a subject in Cyrillic reads in the PDF as it was written; pdfkit's standard fonts stop at
 * Latin-1. Found beside the bundled `parley` command (fonts/, copied there by scripts/build-cli.mjs, which the desktop
 * app ships as resources/cli) or in the dejavu-fonts-ttf package (sources, tests, the desktop app's own main process).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The font files, by the role they play in the transcript. */
export const PDF_FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type PdfFontRole = keyof typeof PDF_FONT_FILES;

const loaded = new Map<PdfFontRole, Buffer | null>();

function candidates(file: string): string[] {
  const out: string[] = [];
  try {
    out.push(fileURLToPath(new URL(`./fonts/${file}`, import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL (never in Node); the package below still answers
  }
  try {
    out.push(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`));
  } catch {
    // not installed beside this copy: the bundle's fonts/ above is the one place left
  }
  return out;
}

/** A font's bytes, read once; null when neither place has it (the transcript falls back to pdfkit's own fonts). */
export function pdfFont(role: PdfFontRole): Buffer | null {
  if (!loaded.has(role)) {
    let data: Buffer | null = null;
    for (const file of candidates(PDF_FONT_FILES[role])) {
      try {
        data = fs.readFileSync(file);
        break;
      } catch {
        // try the next place
      }
    }
    loaded.set(role, data);
  }
  return loaded.get(role) ?? null;
}

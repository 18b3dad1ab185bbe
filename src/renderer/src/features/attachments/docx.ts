/**
 * .docx previews: mammoth (loaded on first use; its browser build via package.json "browser")
 * turns the document into HTML, which then goes through the same sanitizer and sandboxed frame
 * as mail (ui/html-frame). Images inside the document become data: URLs, which the frame allows.
 */
export async function docxToHtml(bytes: Uint8Array<ArrayBuffer>): Promise<{ html: string; text: string }> {
  const mammoth = (await import('mammoth')).default;
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const result = await mammoth.convertToHtml({ arrayBuffer });
  const text = result.value.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  return { html: result.value, text };
}

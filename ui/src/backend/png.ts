/**
 * A PNG of an SVG picture, drawn by the web view itself (Export picture as
 * PNG): the SVG Rust rendered is decoded as an image, drawn on a canvas at
 * twice its size (less for a huge flow, so the canvas stays within what
 * WebKit allows) and encoded as PNG. No rasteriser ships in the binary.
 */

/** The most pixels the canvas is given (4,096 × 4,096). */
export const MAX_PIXELS = 4096 * 4096;

/** The scale a `width` × `height` picture is drawn at: 2, or less to stay within `MAX_PIXELS`. */
export function pngScale(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 1;
  return Math.min(2, Math.sqrt(MAX_PIXELS / (width * height)));
}

/** The PNG bytes of `svg`. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const scale = pngScale(image.naturalWidth, image.naturalHeight);
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this web view cannot draw a PNG");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the picture could not be encoded as PNG"))), "image/png"),
  );
  return new Uint8Array(await blob.arrayBuffer());
}

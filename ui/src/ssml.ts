/**
 * SSML prompts as a designer reads them: `<speak><prosody rate="slow">Hello
 * &amp; welcome</prosody></speak>` is "Hello & welcome". Only for showing:
 * what is stored and edited stays the markup.
 */

/** Whether `text` is an SSML document (`<speak>…</speak>`, as Connect and CCC take it). */
export function isSsml(text: unknown): text is string {
  return typeof text === "string" && /^\s*(<\?xml[^>]*\?>\s*)?<speak[\s>/]/i.test(text);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** `text` with its character references decoded (`&amp;`, `&#38;`, `&#x26;`); unknown ones are kept. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * The words an SSML document says: tags and comments dropped (a pause, a
 * paragraph or a sentence reads as a space), character references decoded,
 * runs of white space made one space, trimmed.
 */
export function ssmlText(ssml: string): string {
  return decode(
    ssml
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<\?[\s\S]*?\?>/g, "")
      // A pause, a paragraph, a sentence or the document's own edge separates words; other tags sit inside them.
      .replace(/<\/?\s*(speak|break|p|s|mark)\b[^>]*>/gi, " ")
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/** A prompt as it is shown: SSML as its text, anything else as it is. */
export function spokenText(text: string): string {
  return isSsml(text) ? ssmlText(text) : text;
}

/**
 * Typographic apostrophes as a phone's keyboard types them ("I’d like", "don’t", "it‘s") written as the plain
 * one every pattern here is written with. The same length, so offsets into the text still hold.
 */
export function plainApostrophes(text: string): string {
  return text.replace(/[’‘ʼ′`]/g, "'");
}

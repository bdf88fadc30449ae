/**
 * Typographic apostrophes as a phone's keyboard types them ("I’d like", "don’t", "it‘s") written as the plain
 * one every pattern here is written with. The same length, so offsets into the text still hold.
 */
export function plainApostrophes(text: string): string {
  return text.replace(/[’‘ʼ′`]/g, "'");
}

/**
 * The text as the phrase readers match it: plain apostrophes, lower case, every run of white space one space
 * (a phrase broken over lines still reads as one).
 */
export function plainLowerCase(text: string): string {
  return plainApostrophes(text).toLowerCase().replace(/\s+/g, ' ');
}

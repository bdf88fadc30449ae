import type { Article } from '../src/index.js';

/** A rendered article for tests: id, title and HTML body, nothing else. */
export const article = (id: string, title: string, html: string): Article => ({
  id,
  title,
  html,
  url: null,
  updatedAt: null,
  origin: 't',
});

import { loadWordVectors, wordSimilarity } from '@parley/word-vectors';
const v = await loadWordVectors();
const s = wordSimilarity(v);
const pairs = process.argv.slice(2).map(p=>p.split(':'));
for (const [a,b] of pairs) console.log(a,b,s(a!,b!).toFixed(3));

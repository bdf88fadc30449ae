import { readFileSync } from 'node:fs';
import { askedWrite } from '@parley/wording';
import { requestedWrite } from '../resolver/src/compose/local/plan/request.js';
for (const t of readFileSync(process.argv[2]!, 'utf8')
  .split('\n---\n')
  .filter((x) => x.trim()))
  console.log(
    askedWrite(t),
    '|',
    requestedWrite('store_info', t),
    '|',
    requestedWrite('complaint', t),
    '|',
    t.slice(0, 140).replace(/\n/g, ' '),
  );

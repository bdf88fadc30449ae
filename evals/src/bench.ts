// `pnpm bench <name> [args] [--json]`: each benchmark lives in ./bench/<name>.ts and exports `run(args)`.
import { parseSuiteArgs, runNamed } from './dispatch.js';

const [name, ...rest] = process.argv.slice(2);
await runNamed('bench', name, parseSuiteArgs(rest));

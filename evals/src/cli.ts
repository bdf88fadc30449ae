// `pnpm evals <suite> [args] [--json]`: each suite lives in ./suites/<suite>.ts and exports
// `run(args)` returning one JSON-serialisable object. With --json only that object reaches stdout; without
// it a suite's `format(result)` prints it for people when the suite has one.
import { parseSuiteArgs, runNamed } from './dispatch.js';

const [suite, ...rest] = process.argv.slice(2);
await runNamed('suites', suite, parseSuiteArgs(rest));

// The email parse worker: mailparser and the reply parser run here, off the service's event loop.
import { parseEmail } from './parse.js';
import { serveParses } from './parse-worker.js';

serveParses(parseEmail);

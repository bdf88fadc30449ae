import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { IngestLimitError, IngestPathError } from '@parley/knowledge';
import { createLogger } from '@parley/telemetry';
import { IngestInputError } from '../ingest/errors.js';
import { ingestFailure } from './ingest-route.js';

function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ service: 'test', level: 'info', destination }), lines };
}

describe('ingestFailure', () => {
  it('answers 400, 413 and 422 with the message alone, and logs the errno code server-side', () => {
    const { log, lines } = recordingLog();
    expect(ingestFailure(new IngestInputError('kb/a.json: invalid JSON'), log)).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'kb/a.json: invalid JSON' },
    });
    expect(ingestFailure(new IngestLimitError('depth', 3, 'kb/a/b/c/d'), log)).toEqual({
      status: 413,
      body: {
        error: 'limit_exceeded',
        message: 'kb/a/b/c/d: source exceeds the folder depth limit (3 levels)',
        limit: 'depth',
        max: 3,
      },
    });
    const path = ingestFailure(new IngestPathError('kb/private', 'cannot be read', 'EACCES'), log);
    expect(path).toEqual({
      status: 422,
      body: { error: 'path_refused', message: 'kb/private: cannot be read' },
    });
    expect(lines.at(-1)).toMatchObject({ problem: 'cannot be read', code: 'EACCES' });
  });

  it('answers anything else with a bare 500, never its OS text', () => {
    const { log, lines } = recordingLog();
    const os = Object.assign(new Error("EACCES: permission denied, open '/root/.ssh/id_rsa'"), {
      code: 'EACCES',
    });
    const failure = ingestFailure(os, log);
    expect(failure).toEqual({ status: 500, body: { error: 'internal', message: 'ingest failed' } });
    expect(lines.at(-1)).toMatchObject({ msg: 'ingest failed' });
  });
});

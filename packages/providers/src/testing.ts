// Loopback servers speaking the providers' wire formats, for tests of code that calls a ChatModel (no live calls).
export {
  RecordingServer,
  header,
  type Handler,
  type RecordedRequest,
  type Reply,
} from '../test/servers/http.js';
export {
  ANTHROPIC_TEST_KEY,
  anthropicError,
  anthropicKey,
  anthropicMessage,
  anthropicServer,
} from '../test/servers/anthropic.js';
export { OPENAI_TEST_KEY, chatCompletion, openAIError, openAIServer } from '../test/servers/openai.js';
export { FakeQdrant, QDRANT_TEST_KEY, qdrantServer } from '../test/servers/qdrant.js';

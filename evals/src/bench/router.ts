// `pnpm bench router [--train <jsonl>] [--val <jsonl>] [--queries <n>]`: training time, model file size,
// memory, model load time and per-query latency. Defaults to the Banking77 train/val splits shipped in
// @parley/intent-model.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { intentSetFile, loadModel, readJsonl, saveModel, trainIntentModel } from '@parley/intent-model';
import { loadWordVectors } from '@parley/word-vectors';
import type { SuiteArgs } from '../dispatch.js';

function mb(bytes: number): number {
  return Math.round((bytes / 1e6) * 10) / 10;
}

export async function run(args: SuiteArgs): Promise<Record<string, unknown>> {
  const trainFile = args.options.train ?? intentSetFile('banking77', 'train');
  const valFile = args.options.val ?? intentSetFile('banking77', 'val');
  const queries = Number(args.options.queries ?? 2000);
  const [train, val] = await Promise.all([readJsonl(trainFile), readJsonl(valFile)]);

  let t = performance.now();
  const vectors = await loadWordVectors();
  const vectorsLoadMs = performance.now() - t;
  t = performance.now();
  // CPU time as well as wall time: the machine is shared, and wall time alone mostly measures the neighbours.
  const cpu = process.cpuUsage();
  const trained = trainIntentModel(train, val, vectors);
  const trainMs = performance.now() - t;
  const trainCpu = process.cpuUsage(cpu);

  const dir = await mkdtemp(path.join(tmpdir(), 'router-bench-'));
  try {
    const file = path.join(dir, 'model.bin');
    await saveModel(trained, file);
    const fileBytes = (await stat(file)).size;
    // The service loads the model at start: word vectors come from the cache (already warm in this process's page cache).
    t = performance.now();
    const model = await loadModel(file);
    const loadMs = performance.now() - t;

    const texts = val.map((e) => e.text);
    for (let i = 0; i < 200; i++) model.predict(texts[i % texts.length]!);
    const latencies: number[] = [];
    for (let i = 0; i < queries; i++) {
      const q = performance.now();
      model.predict(texts[i % texts.length]!);
      latencies.push(performance.now() - q);
    }
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!;
    const mem = process.memoryUsage();
    return {
      trainFile,
      trainExamples: train.length,
      intents: model.intents.length,
      features: trained.parts.linear.numFeatures,
      trainMs: Math.round(trainMs),
      trainCpuMs: Math.round((trainCpu.user + trainCpu.system) / 1000),
      modelFileMB: mb(fileBytes),
      vectorsLoadMs: Math.round(vectorsLoadMs),
      modelLoadMs: Math.round(loadMs),
      queries,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      rssMB: mb(mem.rss),
      heapUsedMB: mb(mem.heapUsed),
      arrayBuffersMB: mb(mem.arrayBuffers),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

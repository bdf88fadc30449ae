import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handModelFile } from '@parley/answer-model/testing';
import { configProblems } from '@parley/config/testing';
import { readServiceConfig } from './config.js';
import { DEFAULT_POLICY } from './decision/policy.js';

describe('readServiceConfig', () => {
  it('has working defaults', () => {
    const c = readServiceConfig({});
    expect(c.port).toBe(8084);
    expect(c.policy).toEqual(DEFAULT_POLICY);
    expect(c.platform.busPrefix).toBe('parley');
  });

  it('reads decimal floors and the answer threshold', () => {
    const c = readServiceConfig({
      GATE_GROUNDEDNESS_FLOOR: '0.9',
      GATE_NEGATIVE_SENTIMENT: '-0.7',
      GATE_COMPLAINT_LIKELIHOOD: '0.5',
      GATE_CATALOGUE_CONFIDENCE_FLOOR: '0.65',
      GATE_ANSWER_THRESHOLD: '0.75',
      GATE_WAIT_LINE_PENDING_DAYS: '6',
      GATE_WAIT_LINE_TRACKING_PAUSE_DAYS: '3',
      GATE_COMPLAINT_HELP_ANSWER: '0.97',
      GATE_UNSURE_HELP_ANSWER: '1',
    });
    expect(c.policy.complaintHelpAnswer).toBe(0.97);
    expect(c.policy.unsureHelpAnswer).toBe(1);
    expect(c.policy.waitLines).toEqual({ ...DEFAULT_POLICY.waitLines, pending: 6, trackingPause: 3 });
    expect(c.policy.complaintLikelihood).toBe(0.5);
    expect(c.policy.catalogueConfidenceFloor).toBe(0.65);
    expect(c.policy.groundednessFloor).toBe(0.9);
    expect(c.policy.negativeSentiment).toBe(-0.7);
    expect(c.policy.answer.threshold).toBe(0.75);
    expect(c.policy.answer.model).toBe(DEFAULT_POLICY.answer.model);
  });

  it('loads the answer model named, at its own threshold unless one is given', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gate-config-')), 'model.json');
    writeFileSync(file, JSON.stringify(handModelFile({ helpCoverage: 2 }, -1, 0.8)));
    expect(readServiceConfig({ GATE_ANSWER_MODEL: file }).policy.answer.threshold).toBe(0.8);
    const both = readServiceConfig({ GATE_ANSWER_MODEL: file, GATE_ANSWER_THRESHOLD: '0.95' });
    expect(both.policy.answer.threshold).toBe(0.95);
  });

  it('leaves a payment undone outside the confirm limit unless told otherwise', () => {
    expect(readServiceConfig({}).policy.customerConfirmLimitCoversReversals).toBe(false);
    expect(
      readServiceConfig({ GATE_CUSTOMER_CONFIRM_LIMIT_COVERS_REVERSALS: 'true' }).policy
        .customerConfirmLimitCoversReversals,
    ).toBe(true);
    expect(
      configProblems(() => readServiceConfig({ GATE_CUSTOMER_CONFIRM_LIMIT_COVERS_REVERSALS: 'yes' })),
    ).toEqual([expect.stringMatching(/^GATE_CUSTOMER_CONFIRM_LIMIT_COVERS_REVERSALS: /)]);
  });

  it('reads which writes the customer may confirm, none, or names an unknown one', () => {
    expect(
      readServiceConfig({ GATE_CUSTOMER_CONFIRMS: 'cancel_pending_order, modify_user_address' }).policy
        .customerConfirms,
    ).toEqual(['cancel_pending_order', 'modify_user_address']);
    expect(readServiceConfig({ GATE_CUSTOMER_CONFIRMS: 'none' }).policy.customerConfirms).toEqual([]);
    expect(configProblems(() => readServiceConfig({ GATE_CUSTOMER_CONFIRMS: 'cancel_order' }))).toEqual([
      expect.stringMatching(
        /^GATE_CUSTOMER_CONFIRMS: unknown write cancel_order \(one of cancel_pending_order, .*, or none\)$/,
      ),
    ]);
  });

  it('names each bad variable, and a model file it cannot use', () => {
    expect(
      configProblems(() =>
        readServiceConfig({
          GATE_GROUNDEDNESS_FLOOR: '1.5',
          GATE_ANSWER_THRESHOLD: 'high',
          GATE_WAIT_LINE_REFUND_DAYS: '-1',
        }),
      ),
    ).toEqual([
      'GATE_GROUNDEDNESS_FLOOR: must be at most 1 (got "1.5")',
      'GATE_ANSWER_THRESHOLD: must be a number (got "high")',
      'GATE_WAIT_LINE_REFUND_DAYS: must be at least 0 (got "-1")',
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'gate-config-'));
    const old = path.join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ ...handModelFile({}, 0, 0.9), signalsVersion: 0 }));
    expect(configProblems(() => readServiceConfig({ GATE_ANSWER_MODEL: old }))).toEqual([
      `GATE_ANSWER_MODEL: ${old}: answer model reads signals version 0, this code computes version 4; retrain the model`,
    ]);
  });
});

/**
 * A channel message that cannot become a ticket (no sender, no text, a malformed field). The HTTP layer
 * answers it 400 `invalid_request` naming `path` (the header or field) and the problem.
 */
export class InvalidInput extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'InvalidInput';
  }

  get issue(): { path: string; message: string } {
    return { path: this.path, message: this.problem };
  }
}

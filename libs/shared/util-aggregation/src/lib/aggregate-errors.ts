/**
 * A required part did not finish in time: its own `timeoutMs`, or the aggregation's `deadlineMs`.
 * `status` is 504, so an exception filter maps it without knowing this library.
 */
export class AggregateTimeoutError extends Error {
  readonly status = 504;

  constructor(
    /** The required parts still unanswered. */
    readonly parts: string[],
    /** `part`: a part's own timeout; `deadline`: the aggregation's overall deadline. */
    readonly scope: 'part' | 'deadline',
  ) {
    super(
      scope === 'part'
        ? `Part ${parts.join(', ')} did not answer in time`
        : `The aggregation deadline passed before ${parts.join(', ')} answered`,
    );
    this.name = 'AggregateTimeoutError';
  }
}

/** A part's call completed without a value. */
export class NoValueError extends Error {
  constructor(readonly part: string) {
    super(`Part ${part} completed without a value`);
    this.name = 'NoValueError';
  }
}

/** A part was not called because a part it depends on is missing. */
export class MissingDependencyError extends Error {
  constructor(
    readonly part: string,
    readonly dependency: string,
  ) {
    super(`Part ${part} needs ${dependency}, which is missing`);
    this.name = 'MissingDependencyError';
  }
}

/** Typed errors thrown by the engine; all extend `EngineError`. */

export class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A scenario name the workbook does not define. */
export class UnknownScenarioError extends EngineError {
  constructor(readonly scenario: string, known: string[]) {
    super(`Unknown scenario "${scenario}"; the workbook has: ${known.join(', ')}`);
  }
}

/** A parameter name the workbook does not define (what-if tools). */
export class UnknownParameterError extends EngineError {
  constructor(readonly parameter: string, known: string[]) {
    super(`Unknown parameter "${parameter}"${known.length ? `; the workbook has: ${known.join(', ')}` : '; the workbook has no parameters'}`);
  }
}

/** A cell reference that is not `Sheet!B5` / `'My sheet'!B5` on an existing sheet. */
export class InvalidReferenceError extends EngineError {
  constructor(readonly reference: string, reason: string) {
    super(`Invalid cell reference "${reference}": ${reason}`);
  }
}

/** The workbook exceeds the engine's size limits (Excel's: 1,048,576 rows, 16,384 columns). */
export class WorkbookTooLargeError extends EngineError {
  /** JSON pointer of the offending sheet rows or row. */
  constructor(message: string, readonly pointer: string) {
    super(message);
  }
}

/** HyperFormula refused to build the workbook for another reason (e.g. clashing sheet names). */
export class EngineBuildError extends EngineError {
  constructor(message: string, readonly pointer: string, cause?: unknown) {
    super(message, { cause });
  }
}

/**
 * HyperFormula refused to insert or delete rows or columns (e.g. the sheet would outgrow the
 * size limits). The message is HyperFormula's.
 */
export class StructureChangeError extends EngineError {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/**
 * Thrown when an intent cannot be applied: its target no longer exists, a name clashes,
 * the text is not valid JSON, or the result would not validate. The message is worded for the user.
 */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

/**
 * What to do about each diagnostic code, for the rules of a SARIF report: code-scanning tools
 * show a rule's help beside every result of it, where a reviewer has only the line to go by.
 */
import type { DiagnosticCode } from '../../core/model/diagnostic';

export const RULE_HELP: Record<DiagnosticCode, string> = {
  MW1001: 'The file is not valid JSON at this point. Look for a missing comma, quote or bracket just before it.',
  MW1002: 'The same key appears twice in one object; JSON readers keep only one of them. Remove or rename one.',
  MW1003: '__proto__, constructor and prototype are refused as keys because they can change how programs read the file. Rename the key.',
  MW1004: 'The JSON nests deeper than a workbook can. Workbooks are shallow: this is probably generated or hostile input.',
  MW1005: 'The file is larger than the size limit, so it is not read. Split the workbook into smaller files.',
  MW1006: 'Workbooks are strict JSON: remove the comment or the trailing comma.',
  MW2001: 'The value does not match the workbook schema (schemas/minerals-workbook.schema.json). The message says what was expected.',
  MW3001: 'Two sheets have the same name (ignoring case). References could not tell them apart: rename one.',
  MW3002: 'A parameter name that reads as a cell address or a function name would be misread in formulas. Rename the parameter.',
  MW3003: 'A scenario overrides a parameter or cell that does not exist. Fix the name or remove the override.',
  MW3004: "A scenario sets a parameter outside its min/max bounds. Change the value or the parameter's bounds.",
  MW3005: "A parameter's own value is outside its min/max bounds. Change the value or the bounds.",
  MW3006: 'A sheet name that a sheet cannot have (the message says why). Rename the sheet.',
  MW3007: 'A row has more cells than the sheet declares columns. Declare the column or remove the extra cell.',
  MW3008: 'A column or cell number format asks for more than 100 decimal places, which cannot be displayed; its cells show General. Use fewer decimal places.',
  MW4001: 'The formula cannot be read. The message points at the part that is wrong.',
  MW4002: 'The formula refers to a sheet that does not exist. Fix the sheet name (quote names with spaces: \'My sheet\'!A1).',
  MW4003: 'The formula uses a name that is neither a parameter nor a function. Fix the spelling or add the parameter.',
  MW4004: 'The cell depends on itself through the cells listed. Break the cycle: Excel would not compute it either.',
  MW4005: 'The cell evaluates to an error value (#DIV/0!, #N/A, ...). This is the cell where the error starts.',
  MW4006: 'Excel accepts this syntax but the formula engine does not, so the result would differ from Excel. Rewrite it as the message suggests.',
  MW4007: 'The workbook or this formula exceeds the engine size limits, so it is not evaluated. Use smaller ranges.',
  MW4008: 'The engine failed on this workbook. Please report it with the file.',
  MW4009: 'The engine computes this, but its value may differ from Excel (for example T.TEST, accurate to about 9 digits, not 15). The message says what differs and what to write instead if it matters.',
  MW5001: "A check of the workbook is FALSE under the scenario named. Either the model's result or the check needs a look.",
  MW5002: 'A check must evaluate to TRUE or FALSE. Write a comparison such as =Budget!B12<=NCMMBudget.',
};

/** The .xlsx bridge (no `vscode` import: shared by the CLI and the extension). */
export { exportXlsx, MAX_FORMULA_LENGTH, type XlsxExport, type XlsxExportOptions, type XlsxNote } from './export';
export { importXlsx, XlsxImportError, type XlsxImport, type XlsxImportDiagnostic, type XlsxImportOptions } from './import';
export { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from './package';
export { storedFunctionName } from './future-functions';
export { toStoredFormula, type ExportedSheet, type FormulaContext } from './formula';
export { excelSheetNameProblem, excelSheetNames } from './sheet-names';

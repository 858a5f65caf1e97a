#!/usr/bin/python3
"""Open .xlsx files in headless LibreOffice, recalculate everything (calculateAll) and print,
as JSON on stdout, every formula cell of every sheet with the value LibreOffice computed:
{"FILE": {"Sheet": [{"cell": "B2", "formula": "=...", "kind": "number|string|error",
"value": ...}]}}. Numbers are printed with repr (full double precision).
Usage: libreoffice-recalc.py FILE.xlsx [...]   (needs soffice and python3-uno)."""
import json
import os
import sys

import uno
from com.sun.star.table.CellContentType import FORMULA

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from libreoffice_session import desktop as session, prop  # noqa: E402


def column_letters(c):
    s = ''
    c += 1
    while c > 0:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def main(files):
    with session('recalc') as desktop:
        out = {}
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, '_blank', 0, (prop('Hidden', True), prop('ReadOnly', True)))
            if doc is None:
                raise SystemExit('libreoffice-recalc: cannot open ' + path)
            doc.calculateAll()
            sheets = {}
            for sheet in doc.Sheets:
                cursor = sheet.createCursor()
                cursor.gotoEndOfUsedArea(False)
                end = cursor.RangeAddress
                cells = []
                # One UNO call for every cell's formula, then calls only for formula cells: a
                # call per cell is what makes a sheet of thousands of formulas slow.
                grid = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getFormulaArray()
                for r, row in enumerate(grid):
                    for c, text in enumerate(row):
                        # Cells of an array formula (a spilled result) read as {=...}.
                        if not (text.startswith('=') or text.startswith('{=')):
                            continue
                        cell = sheet.getCellByPosition(c, r)
                        if cell.Type != FORMULA:
                            continue
                        entry = {'cell': column_letters(c) + str(r + 1), 'formula': text}
                        if cell.getError() != 0:
                            entry['kind'] = 'error'
                            entry['value'] = cell.getString()
                        elif cell.FormulaResultType2 == 2:  # com.sun.star.sheet.FormulaResult.STRING
                            entry['kind'] = 'string'
                            entry['value'] = cell.getString()
                        else:
                            entry['kind'] = 'number'
                            entry['value'] = cell.getValue()
                        cells.append(entry)
                sheets[sheet.Name] = cells
            out[path] = sheets
            doc.close(True)
        json.dump(out, sys.stdout)


if __name__ == '__main__':
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1:])

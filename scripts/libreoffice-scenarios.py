#!/usr/bin/python3
"""Open a spreadsheet in headless LibreOffice, add Scenario Manager scenarios to its first sheet,
recalculate and save it as .xlsx (LibreOffice writes them as <scenarios> in the sheet XML).
Usage: libreoffice-scenarios.py SRC OUT.xlsx SPEC_JSON, where SPEC_JSON is a list of
{"name", "comment", "startRow", "endRow", "column", "values": [...]} (0-based rows and column).
Needs soffice and python3-uno; used by test/unit/xlsx-libreoffice-import.test.ts."""
import json
import os
import sys

import uno
from com.sun.star.table import CellRangeAddress

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from libreoffice_session import desktop, prop  # noqa: E402


def main(src, out, spec):
    with desktop('scenarios') as desk:
        doc = desk.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), '_blank', 0, (prop('Hidden', True),))
        for s in spec:
            addr = CellRangeAddress()
            addr.Sheet = 0
            addr.StartColumn = addr.EndColumn = s['column']
            addr.StartRow = s['startRow']
            addr.EndRow = s['endRow']
            doc.Sheets.getByIndex(0).getScenarios().addNewByName(s['name'], (addr,), s['comment'])
            # The scenario's own sheet follows its source sheet; its cells are the scenario's values.
            holder = doc.Sheets.getByName(s['name'])
            for i, v in enumerate(s['values']):
                holder.getCellByPosition(s['column'], s['startRow'] + i).Value = v
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
        doc.close(True)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))

#!/usr/bin/python3
"""Open .xlsx files in headless LibreOffice, recalculate everything (calculateAll) and print,
as JSON on stdout, every formula cell of every sheet with the value LibreOffice computed:
{"FILE": {"Sheet": [{"cell": "B2", "formula": "=...", "kind": "number|string|error",
"value": ...}]}}. Numbers are printed with repr (full double precision).
Usage: libreoffice-recalc.py FILE.xlsx [...]   (needs soffice and python3-uno)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table.CellContentType import FORMULA


def column_letters(c):
    s = ''
    c += 1
    while c > 0:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(files):
    profile = tempfile.mkdtemp(prefix='mw-lo-profile-')
    pipe = 'mw_recalc_%d' % os.getpid()
    proc = subprocess.Popen(
        ['soffice', '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
         '-env:UserInstallation=' + uno.systemPathToFileUrl(profile),
         '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        ctx = None
        deadline = time.time() + 60
        while ctx is None:
            try:
                ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            except Exception:
                if time.time() > deadline or proc.poll() is not None:
                    raise SystemExit('libreoffice-recalc: soffice did not start')
                time.sleep(0.25)
        desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
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
                        if not text.startswith('='):
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
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1:])

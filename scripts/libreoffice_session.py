"""A headless LibreOffice for one script run: a private profile, a UNO pipe, and the Desktop.
Shared by libreoffice-recalc.py and libreoffice-scenarios.py (needs soffice and python3-uno)."""
import contextlib
import os
import shutil
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


@contextlib.contextmanager
def desktop(tag):
    """Yield LibreOffice's Desktop; soffice is stopped and its profile removed afterwards."""
    profile = tempfile.mkdtemp(prefix='mw-lo-%s-' % tag)
    pipe = 'mw_%s_%d' % (tag, os.getpid())
    proc = subprocess.Popen(
        ['soffice', '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
         '-env:UserInstallation=' + uno.systemPathToFileUrl(profile),
         '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desk = None
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
                    raise SystemExit('%s: soffice did not start' % tag)
                time.sleep(0.25)
        desk = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        yield desk
    finally:
        try:
            if desk is not None:
                desk.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)

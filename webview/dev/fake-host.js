// Stand-in for the extension host in the dev harness: answers `ready` with a document and
// records every message the webview posts in window.__posted.
(function () {
  const params = new URLSearchParams(location.search);
  if (params.get('theme') === 'light') document.getElementById('theme').setAttribute('href', 'theme-light.css');
  window.__posted = [];
  let state = JSON.parse(sessionStorage.getItem('webview-state') || 'null');
  let version = 1;
  const send = (m) => window.postMessage(m, '*');
  window.__send = send;
  async function documentText() {
    const rows = Number(params.get('rows') || 0);
    if (rows) {
      const cols = Number(params.get('cols') || 50);
      const columns = Array.from({ length: cols }, (_, c) => ({ header: `Col ${c + 1}`, format: c % 3 === 1 ? '#,##0' : c % 3 === 2 ? '0.0%' : undefined }));
      const out = [];
      for (let r = 0; r < rows; r++) {
        const row = [`Item ${r + 1}`];
        for (let c = 1; c < cols; c++) row.push(((r * 31 + c * 17) % 1000) * 1.5);
        out.push(JSON.stringify(row));
      }
      return `{"format":"minerals-workbook","version":1,"title":"Big ${rows}x${cols}","sheets":[{"name":"Big","columns":${JSON.stringify(columns)},"rows":[\n${out.join(',\n')}\n]}]}`;
    }
    const res = await fetch(params.get('file') || '/samples/rare-earth-stockpile.minerals.json');
    return res.text();
  }
  window.acquireVsCodeApi = () => ({
    postMessage(m) {
      window.__posted.push(m);
      if (m.type === 'ready') {
        documentText().then((text) => {
          window.__text = text;
          if (params.get('locale')) send({ type: 'settings', settings: { numberLocale: params.get('locale') } });
          send({ type: 'document', text, version });
        });
      }
    },
    getState: () => state,
    setState: (s) => { state = s; sessionStorage.setItem('webview-state', JSON.stringify(s)); },
  });
})();

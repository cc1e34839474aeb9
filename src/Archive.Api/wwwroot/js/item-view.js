// 条目查看: reads a PDF or JSON item once from the content endpoint (a ledgered read; auditors get what the endpoint
// gives them: watermarked PDFs, masked records), shows the read's X-Ledger-Index, and renders it: the PDF in the
// browser's own viewer (from the bytes just read), the JSON record as a table. No framework.
(function () {
  "use strict";
  const view = document.getElementById("item-view");
  if (!view || (view.dataset.kind !== "pdf" && view.dataset.kind !== "json")) return;
  const status = document.getElementById("item-status");
  const index = document.getElementById("ledger-index");

  function cell(value) {
    const td = document.createElement("td");
    if (value !== null && typeof value === "object") td.appendChild(table(value));
    else td.textContent = value === null ? "—" : String(value);
    return td;
  }

  function table(value) {
    const t = document.createElement("table");
    t.className = "record";
    const body = document.createElement("tbody");
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v]) : Object.entries(value);
    for (const [key, v] of entries) {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = key;
      tr.appendChild(th);
      tr.appendChild(cell(v));
      body.appendChild(tr);
    }
    t.appendChild(body);
    return t;
  }

  (async function () {
    try {
      const response = await fetch(view.dataset.src, { credentials: "same-origin" });
      index.textContent = response.headers.get("X-Ledger-Index") || "—";
      if (!response.ok) {
        let message = "HTTP " + response.status;
        try { const p = await response.json(); message = p.detail + "（" + p.code + "）"; } catch (e) { /* not problem+json */ }
        status.className = "refusal";
        status.setAttribute("role", "alert");
        status.textContent = message;
        return;
      }
      if (view.dataset.kind === "pdf") {
        const blob = new Blob([await response.arrayBuffer()], { type: "application/pdf" });
        const frame = document.createElement("iframe");
        frame.className = "item-frame";
        frame.title = "PDF 文件";
        frame.src = URL.createObjectURL(blob);
        status.replaceWith(frame);
      } else {
        const record = await response.json();
        const t = table(record);
        const caption = document.createElement("caption");
        caption.textContent = "数据记录";
        t.prepend(caption);
        status.replaceWith(t);
      }
    } catch (e) {
      status.textContent = "读取失败：" + e.message;
    }
  })();
})();

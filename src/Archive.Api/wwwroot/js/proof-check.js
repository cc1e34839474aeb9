// 账本包含证明的浏览器内核验 (in-browser ledger proof check), no framework.
// The same check an outsider does (CONTRACT §5): fetch the signed checkpoint and the verifier key, check the note's
// Ed25519 signature with WebCrypto, fetch the entry bytes and the RFC 6962 inclusion proof for the checkpoint's size,
// recompute leaf = SHA-256(0x00 ‖ entry) and nodes = SHA-256(0x01 ‖ left ‖ right) up to the root (RFC 9162 §2.1.3.2),
// and compare with the checkpoint's root. Buttons: <button class="proof-check" data-index="N" data-output="ID">.
(function () {
  "use strict";

  const api = "/api/v1/ledger";

  async function sha256(parts) {
    const total = parts.reduce((n, p) => n + p.length, 0);
    const buffer = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { buffer.set(p, at); at += p.length; }
    return new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  }

  function fromBase64(text) {
    const raw = atob(text.trim());
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function toBase64(bytes) { return btoa(String.fromCharCode(...bytes)); }

  function equal(a, b) { return a.length === b.length && a.every((v, i) => v === b[i]); }

  async function get(url, kind) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: kind === "json" ? "application/json" : "*/*" } });
    if (!response.ok) {
      let detail = "HTTP " + response.status;
      try { const p = await response.json(); detail = (p.detail || p.title || detail) + (p.code ? "（" + p.code + "）" : ""); } catch (e) { /* not problem+json */ }
      throw new Error(detail);
    }
    if (kind === "json") return response.json();
    if (kind === "bytes") return new Uint8Array(await response.arrayBuffer());
    return response.text();
  }

  // C2SP signed note: "<text>\n\n— <name> <base64(keyhash4 ‖ signature)>\n…"; the text is signed with its final newline.
  async function verifyNote(note, verifierKey) {
    // name+hash+base64(key): only the first two "+" separate; the base64 key may itself contain "+".
    const trimmed = verifierKey.trim();
    const first = trimmed.indexOf("+"), second = trimmed.indexOf("+", first + 1);
    if (first < 0 || second < 0) return { signed: false, reason: "验证公钥格式不正确" };
    const name = trimmed.slice(0, first), hashHex = trimmed.slice(first + 1, second), keyB64 = trimmed.slice(second + 1);
    const key = fromBase64(keyB64);
    if (key[0] !== 1 || key.length !== 33) return { signed: false, reason: "验证公钥不是 Ed25519" };
    const split = note.indexOf("\n\n");
    const text = note.slice(0, split + 1);
    const wanted = hashHex.toLowerCase();
    for (const line of note.slice(split + 2).split("\n")) {
      const m = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const blob = fromBase64(m[2]);
      const hex = Array.from(blob.slice(0, 4), b => b.toString(16).padStart(2, "0")).join("");
      if (hex !== wanted) continue;
      try {
        const publicKey = await crypto.subtle.importKey("raw", key.slice(1), { name: "Ed25519" }, false, ["verify"]);
        const ok = await crypto.subtle.verify({ name: "Ed25519" }, publicKey, blob.slice(4), new TextEncoder().encode(text));
        return { signed: ok, reason: ok ? "" : "检查点签名无效" };
      } catch (e) {
        return { signed: null, reason: "此浏览器不支持 Ed25519，签名未在浏览器中核验" };
      }
    }
    return { signed: false, reason: "检查点上没有该公钥的签名" };
  }

  async function rootFromProof(leafIndex, treeSize, leaf, path) {
    let fn = BigInt(leafIndex), sn = BigInt(treeSize) - 1n, r = leaf;
    for (const p of path) {
      if (sn === 0n) return null;
      if ((fn & 1n) === 1n || fn === sn) {
        r = await sha256([Uint8Array.of(1), p, r]);
        if ((fn & 1n) === 0n) { while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; } }
      } else {
        r = await sha256([Uint8Array.of(1), r, p]);
      }
      fn >>= 1n; sn >>= 1n;
    }
    return sn === 0n ? r : null;
  }

  async function check(index) {
    const [note, verifierKey] = await Promise.all([get(api + "/checkpoint", "text"), get(api + "/key", "text")]);
    const lines = note.split("\n");
    const size = BigInt(lines[1]);
    const root = fromBase64(lines[2]);
    if (BigInt(index) >= size) return { ok: false, message: "该条目尚未被最新检查点覆盖（检查点大小 " + size + "），请稍后再核验。", root: lines[2] };
    const signature = await verifyNote(note, verifierKey);
    const [entry, proof] = await Promise.all([
      get(api + "/entries/" + index, "bytes"),
      get(api + "/proof/inclusion?index=" + index + "&treeSize=" + size, "json"),
    ]);
    const leaf = await sha256([Uint8Array.of(0), entry]);
    const computed = await rootFromProof(proof.leafIndex, proof.treeSize, leaf, proof.hashes.map(fromBase64));
    const included = computed !== null && String(proof.leafIndex) === String(index) && BigInt(proof.treeSize) === size && equal(computed, root);
    const ok = included && signature.signed !== false;
    let message = ok ? "验证通过" : "验证失败";
    message += "：条目 " + index + (included ? " 包含于" : " 不能证明包含于") + "大小为 " + size + " 的账本树";
    if (signature.signed === true) message += "，检查点签名有效（" + verifierKey.slice(0, verifierKey.indexOf("+")) + "）";
    else if (signature.reason) message += "；" + signature.reason;
    return { ok, message, root: lines[2], computed: computed ? toBase64(computed) : "—" };
  }

  async function run(button) {
    const output = document.getElementById(button.dataset.output);
    button.disabled = true;
    output.className = "proof-result proof-running";
    output.textContent = "正在核验…";
    try {
      const result = await check(button.dataset.index);
      output.className = "proof-result " + (result.ok ? "proof-ok" : "proof-failed");
      output.textContent = result.message + "。检查点根哈希 " + result.root + (result.computed ? "，由证明算得 " + result.computed : "");
      output.dataset.result = result.ok ? "ok" : "failed";
    } catch (e) {
      output.className = "proof-result proof-failed";
      output.textContent = "验证失败：" + e.message;
      output.dataset.result = "failed";
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("click", event => {
    const button = event.target.closest("button.proof-check");
    if (button) run(button);
  });
})();

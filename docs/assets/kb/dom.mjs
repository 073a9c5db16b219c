// Small DOM and data helpers shared by the runtime; every text goes in through textContent.
export function localIso(date = new Date(), withSeconds = true) {
  const pad = (n) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}` + (withSeconds ? `:${pad(date.getSeconds())}` : "");
  return `${day}T${time}`;
}

export function getPath(object, path) {
  return path.split(".").reduce((node, key) => (node && typeof node === "object" ? node[key] : undefined), object);
}

export function setPath(object, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let node = object;
  for (const key of keys) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  if (value === null || value === undefined) delete node[last];
  else node[last] = value;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A list entry {text, detail?, state?, href?}; links only to pages of this site (relative paths).
export function listEntry(entry) {
  const item = document.createElement("li");
  if (entry.state) item.dataset.kbState = entry.state;
  const label = entry.href && /^[a-z0-9./#_-]+$/i.test(entry.href) && !entry.href.includes("//")
    ? Object.assign(document.createElement("a"), { href: new URL(entry.href, sitePageBase()).href })
    : document.createElement("span");
  label.textContent = entry.text;
  item.append(label);
  if (entry.detail) {
    const detail = Object.assign(document.createElement("span"), { className: "kb-list__detail" });
    detail.textContent = entry.detail;
    item.append(" ", detail);
  }
  return item;
}

// Text with highlighted ranges {text, ranges: [{start, end, state, title}]}, built from text nodes only.
export function markedText({ text, ranges }) {
  const nodes = [];
  let position = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < position || range.end <= range.start) continue;
    nodes.push(document.createTextNode(text.slice(position, range.start)));
    const mark = Object.assign(document.createElement("mark"), { title: range.title || "" });
    mark.dataset.kbState = range.state || "";
    mark.textContent = text.slice(range.start, range.end);
    nodes.push(mark);
    position = range.end;
  }
  nodes.push(document.createTextNode(text.slice(position)));
  return nodes;
}

// The site root, from mkdocs-material's config (pages link relative to it).
export function sitePageBase() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(`${base}/`, location.href);
}

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = Object.assign(document.createElement("textarea"), { value: text });
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("クリップボードに書き込めませんでした");
}

export function readFile(accept) {
  return new Promise((resolve) => {
    const input = Object.assign(document.createElement("input"), { type: "file", accept });
    input.addEventListener("change", () => resolve(input.files[0] || null));
    input.click();
  });
}

// vncite's offline explorer: reads the graph inlined in graph.html (<script id="vncite-data">),
// draws it with sigma.js (WebGL) at the positions vncite computed, and lets a reader search,
// filter, open a node's evidence, walk its neighbourhood and its cascade, and export a PNG.
import Graph from "graphology";
import Sigma from "sigma";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import { downloadAsPNG } from "@sigma/export-image";
import css from "./style.css";

const LEVELS = ["central", "provincial", "district", "grassroots"];
const LEVEL_COLOURS = { central: "#e8743b", provincial: "#3d8fc6", district: "#86b8dc", grassroots: "#ef9f7a" };
const COLOURS = { state: "#9a9a9a", document: "#c9c9c9", province: "#6aa84f", unknown: "#bbbbbb", faded: "#eeeeee" };
const EDGE_COLOURS = {
  implements: "#b2182b", continues: "#2166ac", guides: "#1b7837", reviews: "#8c510a", amends: "#e08214",
  replaces: "#542788", repeals: "#000000", legal_basis: "#878787", mentions: "#d0d0d0", about: "#d5e8c8", issued_in: "#d5e8c8",
};
const PLACE_KINDS = new Set(["mentions", "about", "issued_in"]);
const isRelation = (kind) => !PLACE_KINDS.has(kind);

/** Lowercase, no tone marks, đ as d: "Hà Tĩnh" and "ha tinh" fold alike. */
export function fold(s) {
  return String(s ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}
const tokens = (s) => fold(s).split(/[^a-z0-9]+/).filter(Boolean);

const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
};

/** "NQ 21-NQ/TW (2022)" for "Nghị quyết 21-NQ/TW (2022)": the picture's short form. */
function shortLabel(n) {
  if (n.kind === "directive") {
    const t = n.type_name || "";
    return t && n.doc_type && n.label.startsWith(t + " ") ? n.doc_type + n.label.slice(t.length) : n.label;
  }
  if (n.kind === "province") return n.name;
  return n.title || n.source;
}

function nodeColour(n) {
  if (n.kind === "document") return COLOURS.document;
  if (n.kind === "province") return COLOURS.province;
  if (n.system === "state") return COLOURS.state;
  return LEVEL_COLOURS[n.level] || COLOURS.unknown;
}

function nodeSize(n) {
  if (n.kind === "document") return 2;
  if (n.kind === "province") return 5;
  return 3 + Math.min(12, 2.2 * Math.log1p(n.documents || 0));
}

class Explorer {
  constructor(data) {
    this.data = data;
    this.meta = data.graph || {};
    this.annotated = data.annotated || null;
    this.nodes = new Map();
    const g = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
    data.nodes.forEach((n, i) => {
      const [x, y] = data.positions[i] || [0, 0];
      this.nodes.set(n.id, n);
      g.addNode(n.id, { x, y, size: nodeSize(n), color: nodeColour(n), label: shortLabel(n), kind: n.kind });
    });
    // every link is kept in adjacency lists (the panel, filters and views read them); the
    // renderer gets the relations, and on a big graph the mention and place edges only around
    // what is selected: sigma's cost is in the edges it holds, drawn or not
    this.big = g.order > 20000;
    this.out = new Map();
    this.inn = new Map();
    const push = (m, k, v) => (m.get(k) || m.set(k, []).get(k)).push(v);
    data.links.forEach((l, i) => {
      if (!g.hasNode(l.source) || !g.hasNode(l.target)) return;
      const a = { kind: l.kind, link: l, key: `e${i}` };
      push(this.out, l.source, { a, other: l.target });
      push(this.inn, l.target, { a, other: l.source });
      if (!this.big || isRelation(l.kind)) this.addEdge(g, a, l.source, l.target);
    });
    this.graph = g;
    mark("graph");
    this.selected = null;
    this.highlight = null;
    this.ego = null;
    this.visible = new Set();
    this.docProvinces = this.citingProvinces();
    this.showPlaces = false;
    this.buildDom();
    mark("dom");
    this.applyFilters();
    mark("filtered");
    const big = this.big;
    this.renderer = new Sigma(g, document.getElementById("vx-graph"), {
      renderEdgeLabels: false,
      hideEdgesOnMove: big,
      hideLabelsOnMove: big,
      labelRenderedSizeThreshold: big ? 10 : 6,
      labelDensity: 0.1,
      labelGridCellSize: 250,
      labelFont: '"DejaVu Sans", Helvetica, Arial, sans-serif',
      zIndex: true,
      nodeReducer: (id, attrs) => this.nodeReducer(id, attrs),
      edgeReducer: (id, attrs) => this.edgeReducer(id, attrs),
    });
    // sigma draws once, synchronously, as it is made
    window.__vnciteFirstDraw = performance.now();
    mark("drawn");
    document.body.dataset.ready = "true";
    // the search index is made while the reader looks at the first picture
    (window.requestIdleCallback || ((f) => setTimeout(f, 50)))(() => this.index());
    this.renderer.on("clickNode", ({ node }) => this.go(node));
    this.renderer.on("clickStage", () => this.closePanel());
    window.addEventListener("hashchange", () => this.fromHash());
    this.fromHash();
  }

  addEdge(g, a, s, t) {
    if (g.hasEdge(a.key)) return;
    const rel = isRelation(a.kind);
    g.addEdgeWithKey(a.key, s, t, {
      kind: a.kind, color: EDGE_COLOURS[a.kind] || "#999", size: rel ? 1.6 : 0.5, type: rel ? "arrow" : "line", zIndex: rel ? 1 : 0,
    });
  }

  eachOut(id, f) {
    for (const e of this.out.get(id) || []) f(e.a, e.other);
  }

  eachIn(id, f) {
    for (const e of this.inn.get(id) || []) f(e.a, e.other);
  }

  /** On a big graph: the mention and place edges of these nodes join the drawing (the last
   * ones added leave it). */
  drawEdgesOf(ids) {
    if (!this.big) return;
    const g = this.graph;
    for (const k of this.extraEdges || []) if (g.hasEdge(k)) g.dropEdge(k);
    this.extraEdges = [];
    for (const id of ids) {
      for (const [list, out] of [[this.out.get(id) || [], true], [this.inn.get(id) || [], false]]) {
        for (const { a, other } of list) {
          if (isRelation(a.kind) || g.hasEdge(a.key)) continue;
          this.addEdge(g, a, out ? id : other, out ? other : id);
          this.extraEdges.push(a.key);
        }
      }
    }
  }

  /** For each directive, the provinces of the documents that cite it (old and 2025 names). */
  citingProvinces() {
    const out = new Map();
    for (const [t, list] of this.inn) {
      for (const { a, other } of list) {
        if (a.kind !== "mentions") continue;
        const d = this.nodes.get(other);
        if (!d) continue;
        let set = out.get(t);
        if (!set) out.set(t, (set = new Set()));
        if (d.province) set.add(d.province);
        if (d.province_2025) set.add("2025:" + d.province_2025);
      }
    }
    return out;
  }

  buildDom() {
    document.head.append(el("style", {}, css));
    const values = (field) =>
      [...new Set(this.data.nodes.filter((n) => n.kind === "directive").map((n) => n[field]).filter(Boolean))].sort((a, b) =>
        String(a).localeCompare(String(b), "vi"),
      );
    const years = this.data.nodes.filter((n) => n.kind === "directive" && n.year).map((n) => n.year);
    this.minYear = years.length ? Math.min(...years) : 1930;
    this.maxYear = years.length ? Math.max(...years) : 2030;
    const provinces = values("province");
    const p2025 = [...new Set(this.data.nodes.map((n) => n.province_2025 || n.name_2025).filter(Boolean))].sort((a, b) =>
      a.localeCompare(b, "vi"),
    );
    const onChange = { on: { change: () => this.applyFilters(), input: () => this.applyFilters() } };
    const top = el(
      "div",
      { id: "vx-top" },
      el("h1", {}, "vncite"),
      el(
        "div",
        { id: "vx-search-box" },
        el("input", {
          id: "vx-search", type: "search", placeholder: "Search: nq 21, 21-NQ/TW, ha tinh…", autocomplete: "off",
          on: { input: (e) => this.search(e.target.value), keydown: (e) => this.searchKey(e) },
        }),
        el("div", { id: "vx-results", role: "listbox" }),
      ),
      el(
        "fieldset",
        { id: "vx-levels" },
        "Level",
        LEVELS.map((l) => el("label", {}, el("input", { type: "checkbox", value: l, checked: true, ...onChange }), l)),
      ),
      el("label", {}, "System ", el("select", { id: "vx-system", ...onChange }, ["all", "party", "state"].map((s) => el("option", { value: s }, s)))),
      el(
        "label",
        {},
        "Province ",
        el(
          "select",
          { id: "vx-province", ...onChange },
          el("option", { value: "" }, "all"),
          el("optgroup", { label: "Before 2025 (63)" }, provinces.map((p) => el("option", { value: p }, p))),
          el("optgroup", { label: "Since 2025 (34)" }, p2025.map((p) => el("option", { value: "2025:" + p }, p + " (2025)"))),
        ),
      ),
      el("label", {}, "Type ", el("select", { id: "vx-type", ...onChange }, el("option", { value: "" }, "all"), values("doc_type").map((t) => el("option", { value: t }, t)))),
      el(
        "label",
        { title: "Directives dated in these years (undated ones show while the range is whole)" },
        "Years ",
        el("input", { id: "vx-from", type: "range", min: this.minYear, max: this.maxYear, value: this.minYear, ...onChange }),
        el("input", { id: "vx-to", type: "range", min: this.minYear, max: this.maxYear, value: this.maxYear, ...onChange }),
        el("span", { id: "vx-years" }),
      ),
      el("label", {}, el("input", { id: "vx-docs", type: "checkbox", checked: true, ...onChange }), "documents"),
      el(
        "label",
        { title: "Edges from documents and directives to their provinces" },
        el("input", { id: "vx-places", type: "checkbox", on: { change: (e) => ((this.showPlaces = e.target.checked), this.renderer.refresh()) } }),
        "province edges",
      ),
      el("button", { id: "vx-layout", on: { click: () => this.toggleLayout() } }, "Run layout"),
      el("button", { id: "vx-png", on: { click: () => this.exportPng() } }, "PNG"),
      el("button", { id: "vx-reset", on: { click: () => this.reset() } }, "Reset"),
      el("span", { id: "vx-count" }),
      el("span", { id: "vx-status" }),
    );
    const legend = el(
      "div",
      { id: "vx-legend" },
      LEVELS.map((l) => [el("i", { style: `background:${LEVEL_COLOURS[l]}` }), `${l} directive`, el("br")]),
      el("i", { style: `background:${COLOURS.state}` }), "state document", el("br"),
      el("i", { style: `background:${COLOURS.document}` }), "article", el("br"),
      el("i", { style: `background:${COLOURS.province}` }), "province", el("br"),
      ["implements", "continues", "guides", "reviews", "amends", "replaces", "legal_basis"].map((k) => [
        el("b", { class: "line", style: `background:${EDGE_COLOURS[k]}` }), k.replace("_", " "), el("br"),
      ]),
      el("small", {}, "size: articles citing it"),
    );
    const main = el("div", { id: "vx-main" }, el("div", { id: "vx-graph" }), el("aside", { id: "vx-panel" }), legend);
    document.body.append(el("div", { id: "vx-app" }, top, main));
  }

  /** Which nodes pass the filters (or the ego view); the count says how many. */
  applyFilters() {
    const $ = (id) => document.getElementById(id);
    const levels = new Set([...document.querySelectorAll("#vx-levels input:checked")].map((i) => i.value));
    const system = $("vx-system").value;
    const province = $("vx-province").value;
    const type = $("vx-type").value;
    let from = +$("vx-from").value;
    let to = +$("vx-to").value;
    if (from > to) [from, to] = [to, from];
    const whole = from <= this.minYear && to >= this.maxYear;
    $("vx-years").textContent = `${from}–${to}`;
    const docs = $("vx-docs").checked;
    const inProvince = (n) =>
      province.startsWith("2025:") ? "2025:" + (n.province_2025 || n.name_2025) === province : n.province === province || n.name === province;
    const vis = new Set();
    const g = this.graph;
    for (const [id, n] of this.nodes) {
      if (n.kind !== "directive") continue;
      if (!levels.has(n.level) && LEVELS.includes(n.level)) continue;
      if (system !== "all" && n.system !== system) continue;
      if (type && n.doc_type !== type) continue;
      if (!whole && !(n.year && n.year >= from && n.year <= to)) continue;
      if (province && !inProvince(n) && !(this.docProvinces.get(id) || new Set()).has(province)) continue;
      vis.add(id);
    }
    for (const [id, n] of this.nodes) {
      if (n.kind === "document") {
        if (!docs || (province && !inProvince(n))) continue;
        let cites = false;
        let any = false;
        this.eachOut(id, (a, t) => {
          if (a.kind !== "mentions") return;
          any = true;
          if (vis.has(t)) cites = true;
        });
        if (cites || (!any && province)) vis.add(id);
      } else if (n.kind === "province") {
        if (!province || inProvince(n)) vis.add(id);
      }
    }
    this.visible = this.ego ? new Set([...this.ego].filter((id) => this.nodes.has(id))) : vis;
    $("vx-count").textContent = `${this.visible.size} of ${g.order} nodes shown`;
    $("vx-count").dataset.count = String(this.visible.size);
    if (this.renderer) this.renderer.refresh();
  }

  // reducers run for every node and edge on every frame: they copy only what they change
  nodeReducer(id, attrs) {
    if (!this.visible.has(id)) return { ...attrs, hidden: true };
    const faded = this.highlight && !this.highlight.has(id);
    if (!faded && id !== this.selected) return attrs;
    const res = { ...attrs };
    if (faded) {
      res.color = COLOURS.faded;
      res.label = "";
    }
    if (id === this.selected) {
      res.highlighted = true;
      res.forceLabel = true;
    }
    return res;
  }

  edgeReducer(id, attrs) {
    const g = this.graph;
    const s = g.source(id);
    const t = g.target(id);
    if (!this.visible.has(s) || !this.visible.has(t)) return { ...attrs, hidden: true };
    // edges to provinces only on request; on a big graph, mention edges only around what is
    // selected or singled out (hundreds of thousands of grey lines hide the cascade)
    if (!this.showPlaces && (attrs.kind === "about" || attrs.kind === "issued_in")) return { ...attrs, hidden: true };
    if (this.highlight && !(this.highlight.has(s) && this.highlight.has(t))) return { ...attrs, color: COLOURS.faded };
    return attrs;
  }

  // ---- search ----
  index() {
    if (!this.searchIndex) {
      this.searchIndex = [];
      for (const [id, n] of this.nodes) {
        const hay = [n.label, n.title, n.name, n.source, id, n.doc_type, n.type_name, n.province, n.province_2025, n.name_2025, n.body]
          .filter(Boolean)
          .join(" ");
        const rank = n.kind === "directive" ? 0 : n.kind === "province" ? 1 : 2;
        this.searchIndex.push({ id, toks: tokens(hay), rank, weight: n.documents || 0 });
      }
    }
    return this.searchIndex;
  }

  /** Every query token must start a token of the node's text; whole-token matches rank first. */
  find(q, limit = 25) {
    const qt = tokens(q);
    if (!qt.length) return [];
    const hits = [];
    for (const e of this.index()) {
      let score = 0;
      let ok = true;
      for (const t of qt) {
        if (e.toks.includes(t)) score += 2;
        else if (e.toks.some((x) => x.startsWith(t))) score += 1;
        else {
          ok = false;
          break;
        }
      }
      if (ok) hits.push({ ...e, score });
    }
    hits.sort((a, b) => b.score - a.score || a.rank - b.rank || b.weight - a.weight || a.id.localeCompare(b.id));
    return hits.slice(0, limit);
  }

  search(q) {
    const box = document.getElementById("vx-results");
    box.replaceChildren(
      ...this.find(q).map((h) => {
        const n = this.nodes.get(h.id);
        return el("a", { href: "#node=" + encodeURIComponent(h.id), class: "vx-hit" }, shortLabel(n), " ", el("small", {}, n.kind, n.province ? " · " + n.province : ""));
      }),
    );
  }

  searchKey(e) {
    if (e.key === "Enter") {
      const first = document.querySelector("#vx-results a");
      if (first) first.click();
    } else if (e.key === "Escape") {
      document.getElementById("vx-results").replaceChildren();
    }
  }

  // ---- selection and the panel ----
  fromHash() {
    const m = location.hash.match(/^#node=(.*)$/);
    if (!m) return;
    const id = decodeURIComponent(m[1]);
    if (this.nodes.has(id)) this.select(id);
  }

  go(id) {
    const h = "#node=" + encodeURIComponent(id);
    if (location.hash === h) this.select(id);
    else location.hash = h;
  }

  select(id) {
    this.selected = id;
    document.getElementById("vx-results").replaceChildren();
    if (!this.visible.has(id)) {
      this.ego = null;
      this.visible.add(id);
    }
    if (!this.ego && !this.highlight) this.drawEdgesOf([id]);
    this.showPanel(id);
    const d = this.renderer.getNodeDisplayData(id);
    if (d) this.renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(this.renderer.getCamera().ratio, 0.5) }, { duration: 300 });
    this.renderer.refresh();
  }

  closePanel() {
    this.selected = null;
    document.getElementById("vx-panel").replaceChildren();
    this.renderer.refresh();
  }

  link(id) {
    const n = this.nodes.get(id);
    return el("a", { href: "#node=" + encodeURIComponent(id), class: "vx-node" }, n ? shortLabel(n) : id);
  }

  annotatedLink(docId) {
    const n = this.nodes.get(docId);
    if (!this.annotated || !n || !n.annotated) return null;
    return el("a", { href: this.annotated + "/" + n.annotated, class: "vx-annotated", target: "_blank" }, " [annotated text]");
  }

  showPanel(id) {
    const n = this.nodes.get(id);
    const panel = document.getElementById("vx-panel");
    const skip = new Set(["id", "kind", "label", "annotated"]);
    const rows = Object.entries(n)
      .filter(([k, v]) => !skip.has(k) && v !== null && v !== "" && !(Array.isArray(v) && !v.length))
      .map(([k, v]) =>
        el("tr", {}, el("td", {}, k), el("td", {}, k === "candidates" ? v.flatMap((c) => [this.link(c), " "]) : typeof v === "object" ? JSON.stringify(v) : String(v))),
      );
    const byKind = (dir, pred) => {
      const out = [];
      (dir === "out" ? this.eachOut : this.eachIn).call(this, id, (a, other) => {
        if (pred(a.kind)) out.push({ a, other });
      });
      return out;
    };
    const snippets = (l, max = 3) =>
      (l.evidence || []).slice(0, max).map((ev) => el("span", { class: "snippet" }, ev.cue ? `[${ev.cue}] ` : "", ev.snippet || ""));
    const kindTag = (k) => el("span", { class: "kind", style: `background:${EDGE_COLOURS[k] || "#777"}` }, k.replace("_", " "));
    const section = (title, items, render, cap = 200) =>
      items.length
        ? [
            el("h3", {}, `${title} (${items.length})`),
            el("ul", {}, items.slice(0, cap).map(render), items.length > cap ? el("li", {}, `… ${items.length - cap} more`) : null),
          ]
        : [];
    const kids = [
      el("button", { class: "close", title: "Close", on: { click: () => this.closePanel() } }, "×"),
      el("h2", {}, n.kind === "directive" ? n.label : shortLabel(n)),
      el("div", {}, n.kind, n.kind === "directive" && n.title ? " · " + n.title : ""),
      el(
        "div",
        {},
        "Ego view, depth ",
        el("select", { id: "vx-depth" }, [1, 2, 3].map((d) => el("option", { value: d }, d))),
        " ",
        el("button", { id: "vx-ego", on: { click: () => this.egoView(id, +document.getElementById("vx-depth").value) } }, "Show"),
        " ",
        n.kind === "directive" ? el("button", { id: "vx-cascade", on: { click: () => this.cascadeBelow(id) } }, "Cascade below") : null,
        " ",
        el("button", { on: { click: () => this.clearViews() } }, "Clear"),
      ),
      el("table", {}, rows),
    ];
    if (n.kind === "directive") {
      const citing = byKind("in", (k) => k === "mentions");
      kids.push(
        ...section("Cited by documents", citing, ({ a, other }) => el("li", { class: "vx-citing" }, this.link(other), this.annotatedLink(other), snippets(a.link))),
        ...section("Cites", byKind("out", isRelation), ({ a, other }) => el("li", {}, kindTag(a.kind), " ", this.link(other), snippets(a.link, 2))),
        ...section("Cited by directives", byKind("in", isRelation), ({ a, other }) => el("li", {}, kindTag(a.kind), " ", this.link(other), snippets(a.link, 2))),
      );
    } else if (n.kind === "document") {
      const ann = this.annotatedLink(id);
      if (ann) kids.push(el("div", {}, ann));
      kids.push(
        ...section("Mentions", byKind("out", (k) => k === "mentions"), ({ a, other }) => el("li", {}, this.link(other), snippets(a.link))),
        ...section("About", byKind("out", (k) => k === "about"), ({ other }) => el("li", {}, this.link(other))),
      );
    } else {
      kids.push(
        ...section("Documents about it", byKind("in", (k) => k === "about"), ({ other }) => el("li", {}, this.link(other))),
        ...section("Directives issued in it", byKind("in", (k) => k === "issued_in"), ({ other }) => el("li", {}, this.link(other))),
      );
    }
    panel.replaceChildren(...kids);
    panel.scrollTop = 0;
  }

  // ---- views ----
  egoView(id, depth) {
    const seen = new Set([id]);
    let frontier = [id];
    for (let d = 0; d < depth; d++) {
      const next = [];
      for (const v of frontier) {
        const visit = (a, u) => {
          if (!seen.has(u)) {
            seen.add(u);
            next.push(u);
          }
        };
        this.eachOut(v, visit);
        this.eachIn(v, visit);
      }
      frontier = next;
    }
    this.ego = seen;
    this.highlight = null;
    this.drawEdgesOf(seen.size <= 5000 ? seen : [id]);
    this.applyFilters();
    this.focus(seen);
    document.getElementById("vx-status").textContent = `ego view of ${shortLabel(this.nodes.get(id))}, depth ${depth}`;
  }

  /** Everything that implements, continues, guides … the directive, recursively, and the
   * documents citing those: the cascade below it. */
  cascadeBelow(id) {
    const set = new Set([id]);
    const queue = [id];
    while (queue.length) {
      const v = queue.shift();
      this.eachIn(v, (a, s) => {
        if (isRelation(a.kind) && !set.has(s)) {
          set.add(s);
          queue.push(s);
        }
      });
    }
    for (const v of [...set]) this.eachIn(v, (a, s) => a.kind === "mentions" && set.add(s));
    this.highlight = set;
    this.drawEdgesOf(set.size <= 5000 ? set : [id]);
    document.getElementById("vx-status").textContent = `cascade below ${shortLabel(this.nodes.get(id))}: ${set.size} nodes`;
    this.renderer.refresh();
    this.focus(set);
  }

  /** Moves the camera to show these nodes (the panel's width kept clear on the right). */
  focus(ids) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const id of ids) {
      const d = this.renderer.getNodeDisplayData(id);
      if (!d) continue;
      [x0, y0, x1, y1] = [Math.min(x0, d.x), Math.min(y0, d.y), Math.max(x1, d.x), Math.max(y1, d.y)];
    }
    if (x0 === Infinity) return;
    const ratio = Math.max(0.05, Math.max(x1 - x0, y1 - y0) * 1.6);
    this.renderer.getCamera().animate({ x: (x0 + x1) / 2 + ratio * 0.15, y: (y0 + y1) / 2, ratio }, { duration: 300 });
  }

  clearViews() {
    this.ego = null;
    this.highlight = null;
    document.getElementById("vx-status").textContent = "";
    this.applyFilters();
  }

  reset() {
    document.querySelectorAll("#vx-levels input").forEach((i) => (i.checked = true));
    for (const [id, v] of [["vx-system", "all"], ["vx-province", ""], ["vx-type", ""]]) document.getElementById(id).value = v;
    document.getElementById("vx-from").value = this.minYear;
    document.getElementById("vx-to").value = this.maxYear;
    document.getElementById("vx-docs").checked = true;
    this.clearViews();
    this.renderer.getCamera().animatedReset();
  }

  toggleLayout() {
    const b = document.getElementById("vx-layout");
    if (!this.fa2) {
      this.fa2 = new FA2Layout(this.graph, { settings: { barnesHutOptimize: this.graph.order > 2000, slowDown: 10, gravity: 1 } });
    }
    if (this.fa2.isRunning()) {
      this.fa2.stop();
      b.textContent = "Run layout";
    } else {
      this.fa2.start();
      b.textContent = "Stop layout";
    }
  }

  exportPng() {
    return downloadAsPNG(this.renderer, { fileName: "vncite-graph", backgroundColor: "#ffffff" });
  }
}

/** Milliseconds since navigation at each step of the first draw (read by the benchmark). */
const timings = (window.__vnciteTimings = {});
const mark = (name) => (timings[name] = Math.round(performance.now()));

function start() {
  mark("start");
  const json = (id) => JSON.parse(document.getElementById(id).textContent);
  const data = json("vncite-data");
  mark("parsed");
  data.positions = json("vncite-positions");
  const pages = document.getElementById("vncite-pages");
  if (pages) {
    data.annotated = pages.dataset.dir;
    const map = JSON.parse(pages.textContent);
    for (const n of data.nodes) if (map[n.id]) n.annotated = map[n.id];
  }
  window.vncite = new Explorer(data);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

/* The search page (find.html): Pagefind's index, with the state in the page's address.
 *
 * Acts only on a page with a .kb-find container (docs/find.md). Reads ?q= and the filters
 * (kind, seminar, person, concept, year) from the address, shows the results, and keeps
 * the address in step with the form, so every search can be bookmarked and shared.
 *
 * Safety: titles, excerpts, names and filter values come from the sources. Every one is
 * put into the page with textContent or as an attribute value; nothing is parsed as HTML.
 * Pagefind's excerpts are text in which it escapes < and > and marks the matches with
 * <mark>; appendExcerpt splits on its marks and undoes its escaping into text nodes.
 */
(() => {
  "use strict";

  const FILTERS = ["kind", "seminar", "person", "concept", "year"];
  const FILTER_NAMES = {
    kind: "Kind of page", seminar: "Seminar", person: "Person", concept: "Concept", year: "Year",
  };
  const KIND_NAMES = {
    blog: "Blog post", slides: "Slides", article: "Article", seminar: "Seminar",
    person: "Person", concept: "Concept", page: "Site page",
  };
  const PAGE_SIZE = 20;
  const SUB_RESULTS = 3;

  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Pagefind's excerpt (escaped text with <mark> around matches) as DOM nodes. */
  function appendExcerpt(parent, excerpt) {
    const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    let into = parent;
    for (const part of String(excerpt || "").split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>") {
        into = parent.appendChild(document.createElement("mark"));
      } else if (part === "</mark>") {
        into = parent;
      } else if (part) {
        into.appendChild(document.createTextNode(unescape(part)));
      }
    }
  }

  /* A result's address, kept only if it stays on this site. */
  function siteHref(url) {
    const target = new URL(url, root);
    return target.origin === location.origin ? target.href : null;
  }

  /* Labels for filter values: names, terms and titles from catalog.json. */
  async function loadLabels() {
    const labels = { kind: KIND_NAMES, seminar: {}, person: {}, concept: {}, year: {} };
    try {
      const response = await fetch(new URL("catalog.json", root));
      if (!response.ok) return labels;
      const catalog = await response.json();
      for (const s of catalog.seminars || []) {
        const title = s.title || (s.titles || [])[0];
        labels.seminar[String(s.number)] = `Seminar ${s.number}${title ? ": " + title : ""}`;
      }
      for (const p of catalog.people || []) labels.person[p.id] = p.name;
      for (const c of catalog.concepts || []) labels.concept[c.id] = c.term;
    } catch (error) {
      console.warn("kb-search: no catalog.json, filters show ids", error);
    }
    return labels;
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const name of FILTERS) {
      const values = params.getAll(name).map((v) => v.trim()).filter(Boolean);
      if (values.length) filters[name] = values.length === 1 ? values[0] : values;
    }
    return { q: (params.get("q") || "").trim(), filters };
  }

  function stateQuery(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const name of FILTERS) {
      const value = state.filters[name];
      for (const v of Array.isArray(value) ? value : value ? [value] : []) params.append(name, v);
    }
    const text = params.toString();
    return text ? `?${text}` : location.pathname;
  }

  function buildForm(container) {
    const form = make("form", "kb-find-form");
    form.setAttribute("role", "search");
    const label = make("label", "kb-find-label", "Search the knowledge base");
    label.htmlFor = "kb-find-q";
    const row = make("div", "kb-find-row");
    const input = make("input", "kb-find-input");
    Object.assign(input, { type: "search", id: "kb-find-q", name: "q", autocomplete: "off" });
    input.placeholder = "e.g. weak ties, commissioning, recovery";
    const button = make("button", "kb-find-button", "Search");
    button.type = "submit";
    row.append(input, button);
    const filters = make("div", "kb-find-filters");
    const selects = {};
    for (const name of FILTERS) {
      const field = make("label", "kb-find-filter");
      field.append(make("span", "", FILTER_NAMES[name]));
      const select = make("select");
      select.name = name;
      select.append(new Option("Any", ""));
      field.append(select);
      filters.append(field);
      selects[name] = select;
    }
    const status = make("p", "kb-find-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const results = make("ol", "kb-find-results");
    const more = make("button", "kb-find-more", "More results");
    more.type = "button";
    more.hidden = true;
    form.append(label, row, filters);
    container.replaceChildren(form, status, results, more);
    return { form, input, selects, status, results, more };
  }

  function fillSelects(ui, counts, labels, state) {
    for (const name of FILTERS) {
      const select = ui.selects[name];
      const values = Object.keys(counts[name] || {});
      const chosen = [].concat(state.filters[name] || []);
      for (const v of chosen) if (!values.includes(v)) values.push(v);
      const byLabel = (v) => (labels[name] && labels[name][v]) || v;
      values.sort((a, b) => (name === "seminar" || name === "year")
        ? Number(a) - Number(b) : byLabel(a).localeCompare(byLabel(b)));
      select.replaceChildren(new Option("Any", ""));
      for (const v of values) {
        const n = counts[name] && counts[name][v];
        select.append(new Option(n ? `${byLabel(v)} (${n})` : byLabel(v), v));
      }
      select.value = chosen[0] || "";
    }
  }

  function renderResult(data) {
    const item = make("li", "kb-find-result");
    const head = make("p", "kb-find-head");
    const link = make("a", "kb-find-title", (data.meta && data.meta.title) || data.url);
    const href = siteHref(data.url);
    if (href) link.href = href;
    head.append(link);
    const kind = data.filters && data.filters.kind && data.filters.kind[0];
    if (kind) head.append(make("span", "kb-find-kind", KIND_NAMES[kind] || kind));
    /* A long page's matches are shown by section (Pagefind's sub-results, one per heading
     * with an id); the page's own excerpt is then the part before its first section. */
    const subs = data.sub_results || [];
    const sections = subs.filter((s) => s.url !== data.url);
    const top = sections.length ? subs.find((s) => s.url === data.url) : data;
    item.append(head);
    if (top) {
      const excerpt = make("p", "kb-find-excerpt");
      appendExcerpt(excerpt, top.excerpt);
      item.append(excerpt);
    }
    if (sections.length) {
      const list = make("ul", "kb-find-sections");
      for (const sub of sections.slice(0, SUB_RESULTS)) {
        const entry = make("li");
        const subLink = make("a", "", sub.title);
        const subHref = siteHref(sub.url);
        if (subHref) subLink.href = subHref;
        const subExcerpt = make("span", "kb-find-excerpt");
        appendExcerpt(subExcerpt, sub.excerpt);
        entry.append(subLink, subExcerpt);
        list.append(entry);
      }
      item.append(list);
    }
    return item;
  }

  function describe(state, labels, count) {
    const parts = [];
    if (state.q) parts.push(`for “${state.q}”`);
    for (const name of FILTERS) {
      for (const v of [].concat(state.filters[name] || [])) {
        const label = name === "seminar" ? v : (labels[name] || {})[v] || v;
        parts.push(`${FILTER_NAMES[name].toLowerCase()}: ${label}`);
      }
    }
    const noun = count === 1 ? "result" : "results";
    return `${count} ${noun} ${parts.join(", ")}`.trim();
  }

  async function main() {
    const container = document.querySelector(".kb-find");
    if (!container) return;
    const ui = buildForm(container);
    container.dataset.kbState = "loading";
    let pagefind;
    try {
      pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    } catch (error) {
      ui.status.textContent = "The search index could not be loaded. Serve the site over " +
        "HTTP (python -m http.server), and build it with the search step.";
      container.dataset.kbState = "error";
      console.warn("kb-search: no Pagefind index", error);
      return;
    }
    const labels = await loadLabels();
    const totals = await pagefind.filters();
    let run = 0;
    let shown = [];

    async function showMore(token) {
      const batch = shown.splice(0, PAGE_SIZE);
      const datas = await Promise.all(batch.map((r) => r.data()));
      if (token !== run) return;
      for (const data of datas) ui.results.append(renderResult(data));
      ui.more.hidden = shown.length === 0;
    }

    async function search(state) {
      const token = ++run;
      ui.input.value = state.q;
      const hasFilters = Object.keys(state.filters).length > 0;
      if (!state.q && !hasFilters) {
        fillSelects(ui, totals, labels, state);
        ui.results.replaceChildren();
        ui.more.hidden = true;
        ui.status.textContent = "Type words to search, or choose a filter.";
        container.dataset.kbCount = "0";
        container.dataset.kbState = "done";
        return;
      }
      container.dataset.kbState = "searching";
      const start = performance.now();
      /* Filters without words: no relevance to order by, so seminars, then documents,
       * people, concepts and site pages (the template's rank). */
      const sort = state.q ? undefined : { rank: "asc" };
      let found;
      try {
        found = await pagefind.search(state.q || null, { filters: state.filters, sort });
      } catch (error) {
        ui.status.textContent = "The search failed; reload the page to try again.";
        container.dataset.kbState = "error";
        console.warn("kb-search:", error);
        return;
      }
      if (token !== run || !found) return;
      shown = found.results.slice();
      ui.results.replaceChildren();
      await showMore(token);
      if (token !== run) return;
      container.dataset.kbMs = String(Math.round(performance.now() - start));
      container.dataset.kbCount = String(found.results.length);
      fillSelects(ui, state.q ? (found.totalFilters || found.filters) : totals, labels, state);
      ui.status.textContent = describe(state, labels, found.results.length);
      container.dataset.kbState = "done";
    }

    function formState() {
      const filters = {};
      for (const name of FILTERS) {
        if (ui.selects[name].value) filters[name] = ui.selects[name].value;
      }
      return { q: ui.input.value.trim(), filters };
    }

    let typing = 0;
    function submit(replace) {
      /* A pending "typed" timer must not fire later and rewrite whatever history
       * entry is current by then (after Enter, a filter change or Back). */
      clearTimeout(typing);
      const state = formState();
      history[replace ? "replaceState" : "pushState"](null, "", stateQuery(state));
      search(state);
    }

    ui.form.addEventListener("submit", (event) => { event.preventDefault(); submit(false); });
    ui.input.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => submit(true), 300);
    });
    for (const select of Object.values(ui.selects)) {
      select.addEventListener("change", () => submit(false));
    }
    ui.more.addEventListener("click", () => showMore(run));
    window.addEventListener("popstate", () => { clearTimeout(typing); search(readState()); });
    await search(readState());
  }

  main().catch((error) => console.error("kb-search:", error));
})();

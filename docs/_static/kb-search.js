/* The search page (search.html): the site's index, with the state in the page's address.
 *
 * Acts only on a page with a .kb-find container (tools/sphinxext/templates/kb-search.html),
 * or with a .kb-moved paragraph (an old address, find.html), which it sends on to the
 * search page with the same words and filters. Reads ?q= and the filters (kind, seminar,
 * person, concept, year) from the address, shows the results, and keeps the address in
 * step with the form, so every search can be bookmarked and shared.
 *
 * Two indexes answer, through the same calls (search, filters): served over HTTP,
 * Pagefind's (pagefind/, loaded with import()); opened from a file, where a browser
 * refuses import() and fetch(), the smaller kb-search-offline.js that
 * tools/sphinxext/offline_index.py writes, added as a classic script. It is also the
 * fallback when Pagefind's index cannot be loaded. Pages of the kind "about" (about the
 * project, not the seminars) are left out unless the reader asks for that kind.
 *
 * With the keyboard alone: Tab goes from the search box to its button, the filters (each
 * a <select>: Space or Alt+Down opens it, the arrows move, Enter chooses; or the arrows
 * on a closed one change it at once), the results and "More results". Each change of a
 * filter searches again and leaves the focus where it was; the changes made to one filter
 * while it keeps the focus (arrowing through its values) are one step of the browser's
 * history, not one a value. "More results" moves the focus to the first of the results it
 * adds, so the reader goes on reading where the new ones start, and says how many are
 * shown; the status line (role=status) announces each new count.
 *
 * Safety: titles, excerpts, names and filter values come from the sources. Every one is
 * put into the page with textContent or as an attribute value; nothing is parsed as HTML.
 * Excerpts are text in which < and > are escaped and the matches marked with <mark>
 * (Pagefind's, and the offline index's, made the same way here); appendExcerpt splits on
 * the marks and undoes the escaping into text nodes.
 */
(() => {
  "use strict";

  const FILTERS = ["kind", "seminar", "person", "concept", "year"];
  const FILTER_NAMES = {
    kind: "Kind of page", seminar: "Seminar", person: "Person", concept: "Concept", year: "Year",
  };
  const KIND_NAMES = {
    blog: "Blog post", slides: "Slides", article: "Article", seminar: "Seminar",
    person: "Person", concept: "Concept", page: "Site page", about: "About the project",
  };
  /* Left out of a search unless the kind filter asks for it (tools/sphinxext/search.py). */
  const ABOUT = "about";
  const PAGE_SIZE = 20;
  const SUB_RESULTS = 3;
  const OFFLINE_FILE = "kb-search-offline.js";
  const OFFLINE_FORMAT = 1;
  const SERVE_HINT = "Opened from a file, the search uses a smaller index: it finds pages " +
    "with every word (or a word that starts with it) and shows each page's opening lines. " +
    "Served over HTTP (python -m http.server -d docs/_build/html, then " +
    "http://127.0.0.1:8000/search.html) it also finds word stems and phrases in quotes, " +
    "and shows the passage and the sections where the words are.";

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

  /* Labels for filter values: names, terms and titles from the catalog. */
  function labelsFrom(catalog) {
    const labels = { kind: KIND_NAMES, seminar: {}, person: {}, concept: {}, year: {} };
    for (const s of (catalog && catalog.seminars) || []) {
      const title = s.title || (s.titles || [])[0];
      labels.seminar[String(s.number)] = `Seminar ${s.number}${title ? ": " + title : ""}`;
    }
    for (const p of (catalog && catalog.people) || []) labels.person[p.id] = p.name;
    for (const c of (catalog && catalog.concepts) || []) labels.concept[c.id] = c.term;
    return labels;
  }

  async function loadLabels() {
    try {
      const response = await fetch(new URL("catalog.json", root));
      if (response.ok) return labelsFrom(await response.json());
    } catch (error) {
      console.warn("kb-search: no catalog.json, filters show ids", error);
    }
    return labelsFrom(null);
  }

  /* --- The offline index (kb-search-offline.js) --------------------------------------- */

  /* Words as tools/sphinxext/offline_index.py's search_words makes them: accents dropped,
   * case folded, apostrophes dropped, split at everything but letters and digits. */
  function searchWords(text) {
    const folded = String(text || "").normalize("NFKD").replace(/\p{M}/gu, "")
      .toLowerCase().normalize("NFKC").replace(/['\u2018\u2019\u02bc\u2032`]/g, "");
    return folded.match(/[\p{L}\p{N}]+/gu) || [];
  }

  function escapeText(text) {
    return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* The text with each word that starts with a query word marked, in Pagefind's form. */
  function markWords(text, queryWords) {
    let out = "";
    let last = 0;
    for (const match of text.matchAll(/[\p{L}\p{N}'\u2018\u2019\u02bc\u2032`]+/gu)) {
      const [word] = searchWords(match[0]);
      if (!word || !queryWords.some((q) => word.startsWith(q))) continue;
      out += escapeText(text.slice(last, match.index));
      out += "<mark>" + escapeText(match[0]) + "</mark>";
      last = match.index + match[0].length;
    }
    return out + escapeText(text.slice(last));
  }

  function loadOfflineIndex() {
    if (window.kbSearchOffline) return Promise.resolve(window.kbSearchOffline);
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(OFFLINE_FILE, root).href;
      script.onload = () => (window.kbSearchOffline
        ? resolve(window.kbSearchOffline) : reject(new Error("empty offline index")));
      script.onerror = () => reject(new Error(`${OFFLINE_FILE} could not be loaded`));
      document.head.append(script);
    });
  }

  /* The offline index behind the calls the page makes of Pagefind. */
  function offlineSearch(index) {
    if (index.format !== OFFLINE_FORMAT) throw new Error("offline index of another format");
    const pages = index.pages.map((page, number) => {
      const filters = {};
      for (const [name, value] of page.filters) (filters[name] = filters[name] || []).push(value);
      return { ...page, number, filterMap: filters, titleWords: searchWords(page.title) };
    });

    /* page number -> occurrences of the words that start with `prefix`. */
    function lookup(prefix) {
      const words = index.words;
      let low = 0;
      let high = words.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (words[middle] < prefix) low = middle + 1; else high = middle;
      }
      const found = new Map();
      for (let i = low; i < words.length && words[i].startsWith(prefix); i++) {
        const postings = index.postings[i];
        const weight = words[i] === prefix ? 1 : 0.5;
        for (let j = 0; j < postings.length; j += 2) {
          found.set(postings[j], (found.get(postings[j]) || 0) + weight * postings[j + 1]);
        }
      }
      return found;
    }

    function matches(page, filters) {
      for (const [name, wanted] of Object.entries(filters || {})) {
        if (name === "not") {
          if (Object.keys(wanted).length && matches(page, wanted)) return false;
          continue;
        }
        const have = page.filterMap[name] || [];
        if (![].concat(wanted).every((value) => have.includes(String(value)))) return false;
      }
      return true;
    }

    function count(list) {
      const counts = {};
      for (const name of FILTERS) counts[name] = {};
      for (const page of list) {
        for (const [name, value] of page.filters) {
          if (counts[name]) counts[name][value] = (counts[name][value] || 0) + 1;
        }
      }
      return counts;
    }

    function result(page, score, queryWords) {
      const data = {
        url: page.url,
        meta: { title: page.title },
        excerpt: markWords(page.summary, queryWords),
        filters: page.filterMap,
        sub_results: [],
      };
      return { id: page.url, score, data: async () => data };
    }

    return {
      offline: true,
      labels: labelsFrom(index.catalog),
      async filters() { return count(pages); },
      async search(query, options) {
        const queryWords = searchWords(query);
        let scored = pages.map((page) => [page, 0]);
        if (queryWords.length) {
          const scores = new Map();
          queryWords.forEach((word, i) => {
            const found = lookup(word);
            const idf = Math.log(1 + pages.length / (1 + found.size));
            for (const [number, n] of found) {
              if (i > 0 && !scores.has(number)) continue;
              const inTitle = pages[number].titleWords.some((w) => w.startsWith(word));
              scores.set(number, (scores.get(number) || 0) + idf * (Math.log(1 + n) + (inTitle ? 2 : 0)));
            }
            for (const number of [...scores.keys()]) if (!found.has(number)) scores.delete(number);
          });
          scored = [...scores].map(([number, score]) => [pages[number], score]);
        }
        const matching = scored.map(([page]) => page);
        const kept = scored.filter(([page]) => matches(page, options && options.filters));
        if (queryWords.length && !(options && options.sort)) {
          kept.sort((a, b) => b[1] - a[1] || a[0].rank - b[0].rank || a[0].number - b[0].number);
        } else {
          kept.sort((a, b) => a[0].rank - b[0].rank || a[0].title.localeCompare(b[0].title));
        }
        return {
          results: kept.map(([page, score]) => result(page, score, queryWords)),
          filters: count(kept.map(([page]) => page)),
          totalFilters: count(matching),
        };
      },
    };
  }

  /* Pagefind over HTTP; the offline index from a file, or when Pagefind cannot load. */
  async function loadEngine() {
    if (location.protocol !== "file:") {
      try {
        const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
        await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
        return { engine: pagefind, labels: await loadLabels(), offline: false };
      } catch (error) {
        console.warn("kb-search: no Pagefind index, trying the offline index", error);
      }
    }
    const engine = offlineSearch(await loadOfflineIndex());
    return { engine, labels: engine.labels, offline: true };
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

  /* An old address of the search page: go on to the new one, words and filters kept. */
  function followMove() {
    const moved = document.querySelector(".kb-moved[data-kb-moved-to]");
    if (!moved) return false;
    const target = new URL(moved.dataset.kbMovedTo, location.href);
    target.search = location.search;
    target.hash = location.hash;
    location.replace(target.href);
    return true;
  }

  /* The filters a search runs with: the reader's, and no page about the project unless
   * the reader chose a kind. */
  function searchFilters(filters) {
    return filters.kind ? filters : { ...filters, not: { kind: ABOUT } };
  }

  async function main() {
    if (followMove()) return;
    const container = document.querySelector(".kb-find");
    if (!container) return;
    const ui = buildForm(container);
    container.dataset.kbState = "loading";
    let engine;
    let labels;
    try {
      ({ engine, labels } = await loadEngine().then((loaded) => {
        if (loaded.offline) {
          container.dataset.kbIndex = "offline";
          const note = make("p", "kb-find-offline", SERVE_HINT);
          container.insertBefore(note, ui.status);
        } else {
          container.dataset.kbIndex = "pagefind";
        }
        return loaded;
      }));
    } catch (error) {
      ui.status.textContent = "The search index could not be loaded: build the site with " +
        "its search step (nox -s build), which writes pagefind/ and " + OFFLINE_FILE + ".";
      container.dataset.kbState = "error";
      console.warn("kb-search: no index", error);
      return;
    }
    const totals = await engine.filters();
    let run = 0;
    let shown = [];
    let total = 0;

    /* The next page of results; from the button, the focus goes to the first new one. */
    async function showMore(token, fromButton) {
      const batch = shown.splice(0, PAGE_SIZE);
      const datas = await Promise.all(batch.map((r) => r.data()));
      if (token !== run) return;
      const first = ui.results.children.length;
      for (const data of datas) ui.results.append(renderResult(data));
      ui.more.hidden = shown.length === 0;
      const count = ui.results.children.length;
      ui.more.textContent = `More results (${count} of ${total} shown)`;
      const added = ui.results.children[first];
      if (fromButton && added) {
        const link = added.querySelector("a[href]");
        if (!link) added.tabIndex = -1;
        (link || added).focus();
      }
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
      let about = 0;
      try {
        const filters = searchFilters(state.filters);
        found = await engine.search(state.q || null, { filters, sort });
        /* How many pages about the project the search left out, to offer them. */
        const aboutTotal = ((found && found.totalFilters && found.totalFilters.kind) || {})[ABOUT];
        if (filters.not && aboutTotal) {
          const asked = { ...state.filters, kind: ABOUT };
          about = (await engine.search(state.q || null, { filters: asked, sort })).results.length;
        }
      } catch (error) {
        ui.status.textContent = "The search failed; reload the page to try again.";
        container.dataset.kbState = "error";
        console.warn("kb-search:", error);
        return;
      }
      if (token !== run || !found) return;
      shown = found.results.slice();
      total = shown.length;
      ui.results.replaceChildren();
      await showMore(token, false);
      if (token !== run) return;
      container.dataset.kbMs = String(Math.round(performance.now() - start));
      container.dataset.kbCount = String(found.results.length);
      container.dataset.kbAbout = String(about);
      fillSelects(ui, state.q ? (found.totalFilters || found.filters) : totals, labels, state);
      ui.status.replaceChildren(describe(state, labels, found.results.length));
      if (about) {
        const noun = about === 1 ? "page" : "pages";
        const link = make("a", "kb-find-about", `${about} ${noun} about the project`);
        link.href = stateQuery({ q: state.q, filters: { ...state.filters, kind: ABOUT } });
        ui.status.append("; also ", link, " (left out unless asked for)");
      }
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
    /* The filter whose change made the current history entry, while it keeps the focus:
     * its next changes replace that entry instead of adding one each. */
    let changing = null;
    for (const select of Object.values(ui.selects)) {
      select.addEventListener("change", () => {
        submit(changing === select);
        changing = select;
      });
      select.addEventListener("blur", () => { if (changing === select) changing = null; });
    }
    ui.more.addEventListener("click", () => showMore(run, true));
    window.addEventListener("popstate", () => {
      clearTimeout(typing);
      changing = null;
      search(readState());
    });
    await search(readState());
  }

  main().catch((error) => console.error("kb-search:", error));
})();

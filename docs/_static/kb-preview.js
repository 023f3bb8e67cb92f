/* Link previews: pointing at (or tabbing to) a link to a person's or a concept's page shows
 * a short card: the person's name, affiliation and roles, or the concept's definition.
 *
 * The facts come from catalog.json at the root of the site, fetched once, the first time a
 * preview is wanted (never on a page opened from a file, where fetch is refused). Every text is set with textContent: names and definitions come from
 * the sources and are never parsed as HTML.
 */
(() => {
  "use strict";

  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const FOLDERS = [["people/", "person"], ["concepts/", "concept"]];
  const SITE_PAGES = new Set(["index", "glossary"]);
  const DEFINITION_CHARS = 320;
  const DELAY_MS = 250;

  let catalog = null;
  let tip = null;
  let shownFor = null;
  let timer = 0;

  /* {kind, id} of the person or concept a link leads to, or null. */
  function entityOf(link) {
    if (!(link instanceof HTMLAnchorElement) || !link.href) return null;
    const url = new URL(link.href);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    if (url.pathname === location.pathname) return null;
    const rest = decodeURIComponent(url.pathname.slice(root.pathname.length));
    for (const [folder, kind] of FOLDERS) {
      if (!rest.startsWith(folder)) continue;
      let name = rest.slice(folder.length).replace(/(\.html|\/)$/, "");
      if (!name || name.includes("/") || SITE_PAGES.has(name)) return null;
      if (name.endsWith("_")) name = name.slice(0, -1); // pages.py renames reserved ids
      return { kind, id: name };
    }
    return null;
  }

  function index(data) {
    const found = { person: new Map(), concept: new Map() };
    for (const p of (data && data.people) || []) found.person.set(p.id, p);
    for (const c of (data && data.concepts) || []) found.concept.set(c.id, c);
    return found;
  }

  function load() {
    /* A page opened from a file may not fetch: no previews there, and no error. */
    if (!catalog && location.protocol === "file:") catalog = Promise.resolve(index(null));
    if (!catalog) {
      catalog = fetch(new URL("catalog.json", root))
        .then((r) => (r.ok ? r.json() : null))
        .then(index)
        .catch(() => index(null));
    }
    return catalog;
  }

  function roles(person) {
    const byRole = new Map();
    for (const r of person.roles || []) {
      if (!byRole.has(r.role)) byRole.set(r.role, new Set());
      if (r.seminar !== null && r.seminar !== undefined) byRole.get(r.role).add(r.seminar);
    }
    return [...byRole].map(([role, seminars]) => {
      const list = [...seminars].sort((a, b) => a - b);
      const at = list.length ? ` (seminar${list.length > 1 ? "s" : ""} ${list.join(", ")})` : "";
      return role.charAt(0).toUpperCase() + role.slice(1) + at;
    });
  }

  function lines(kind, entry) {
    if (kind === "person") {
      const n = (entry.documents || []).length;
      return [
        entry.name,
        entry.affiliation || "",
        roles(entry).join("; "),
        n ? `Named in ${n} document${n > 1 ? "s" : ""}` : "",
      ];
    }
    let definition = entry.definition || "No definition yet.";
    if (definition.length > DEFINITION_CHARS) {
      definition = definition.slice(0, DEFINITION_CHARS - 1).trimEnd() + "…";
    }
    return [entry.term, definition];
  }

  function tipElement() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "kb-preview";
      tip.className = "kb-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.append(tip);
    }
    return tip;
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - width - 8);
    const below = box.bottom + 6 + height <= window.innerHeight;
    const top = below ? box.bottom + 6 : Math.max(8, box.top - height - 6);
    tip.style.left = `${Math.max(8, left) + window.scrollX}px`;
    tip.style.top = `${top + window.scrollY}px`;
  }

  async function show(link) {
    const entity = entityOf(link);
    if (!entity) return;
    const found = await load();
    const entry = found[entity.kind].get(entity.id);
    if (!entry || shownFor !== link) return;
    const card = tipElement();
    const [title, ...rest] = lines(entity.kind, entry);
    const heading = document.createElement("strong");
    heading.textContent = title;
    card.replaceChildren(heading);
    for (const text of rest.filter(Boolean)) {
      const line = document.createElement("span");
      line.textContent = text;
      card.append(line);
    }
    card.dataset.kind = entity.kind;
    card.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", card.id);
  }

  function hide() {
    clearTimeout(timer);
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    if (tip) tip.hidden = true;
  }

  function want(link, delay) {
    if (link === shownFor) return;
    hide();
    if (!entityOf(link)) return;
    shownFor = link;
    timer = setTimeout(() => show(link).catch(hide), delay);
  }

  document.addEventListener("mouseover", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (link) want(link, DELAY_MS);
  });
  document.addEventListener("mouseout", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (link && link === shownFor && !link.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("focusin", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (link) want(link, 0);
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", hide, { passive: true });
})();

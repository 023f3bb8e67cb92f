/* The map and the timeline (inline SVG made at build time by tools/sphinxext/pictures.py):
 * pointing at a node, or moving to it with the keyboard, shows only its lines and the
 * nodes at their other ends. The pictures work without this script: every node is a link.
 */
(() => {
  "use strict";

  function connect(svg) {
    const edges = [...svg.querySelectorAll(".kb-edge")];
    const nodes = new Map();
    for (const node of svg.querySelectorAll("[data-kb-node]")) {
      nodes.set(node.dataset.kbNode, node);
    }

    function clear() {
      svg.classList.remove("kb-focus");
      for (const on of svg.querySelectorAll(".kb-on")) on.classList.remove("kb-on");
    }

    function focus(node) {
      clear();
      const key = node.dataset.kbNode;
      svg.classList.add("kb-focus");
      node.classList.add("kb-on");
      for (const edge of edges) {
        const other = edge.dataset.kbFrom === key ? edge.dataset.kbTo
          : edge.dataset.kbTo === key ? edge.dataset.kbFrom : null;
        if (other === null) continue;
        edge.classList.add("kb-on");
        if (nodes.has(other)) nodes.get(other).classList.add("kb-on");
      }
    }

    const nodeOf = (event) => (event.target instanceof Element
      ? event.target.closest("[data-kb-node]") : null);
    svg.addEventListener("pointerover", (event) => {
      const node = nodeOf(event);
      if (node) focus(node);
    });
    svg.addEventListener("pointerleave", clear);
    svg.addEventListener("focusin", (event) => {
      const node = nodeOf(event);
      if (node) focus(node);
    });
    svg.addEventListener("focusout", clear);
  }

  for (const svg of document.querySelectorAll(".kb-picture svg")) {
    if (svg.querySelector(".kb-edge")) connect(svg);
  }
})();

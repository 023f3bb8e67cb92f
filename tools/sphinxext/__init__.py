"""The project's Sphinx extension: the build refuses to make an unsafe site.

Source texts are untrusted, and the pipeline escapes all of them (``tools.ingest.escape``);
this extension is the second line, for what escaping cannot see (a hand-written page, a
setting changed later, a new theme):

* :mod:`.hardening` checks the security settings when the configuration is read, makes
  docutils' ``file_insertion_enabled`` and ``raw_enabled`` settings reach the parser
  (as top-level ``conf.py`` names they are ignored by Sphinx), and refuses any page whose
  front matter would reconfigure MyST for itself;
* :mod:`.scan` reads every HTML page after the build and fails it on scripts that are
  not the site's own, event-handler attributes, ``javascript:``/``data:``/``vbscript:``
  addresses, ``<meta http-equiv="refresh">``, embedded frames, and any file copied into
  ``_images/`` or ``_downloads/`` (the site has none of its own);
* :mod:`.search` gives every page its Pagefind filters from ``catalog.json`` and copies
  the catalog into the site (:mod:`.search_index` runs Pagefind after the build, and
  writes the smaller index of :mod:`.offline_index` for a site opened from a file);
* :mod:`.search_page` makes ``search.html`` the site's one search page, in place of
  Sphinx's own, and sends old addresses (``find.html``) there;
* :mod:`.prune` deletes, after each build, the pages of documents that no longer exist,
  so that an incremental build leaves the site a clean build would make;
* :mod:`.citation` gives each page of the catalog its ``citation_*`` meta tags and
  schema.org JSON-LD, and copies the citation files (``docs/cite/``) into the site;
* :mod:`.accessibility` puts right what axe-core finds in the theme's HTML (the
  sidebar's caption headings get a level);
* :mod:`.pictures` adds the ``{kb-timeline}`` and ``{kb-map}`` directives, pictures of
  the catalog drawn as inline SVG at build time.

Add ``"tools.sphinxext"`` to ``extensions``; it loads ``myst_parser`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0"
#: The layout of what the extension stores in the build environment (``env.kb_*``, see
#: :mod:`.search`); bump it when that changes, so Sphinx re-reads every page.
ENV_VERSION = 2


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the hardening checks and the post-build scan."""
    # Imported here so that ``python -m tools.sphinxext.scan`` runs a module not yet loaded.
    from .accessibility import setup_accessibility
    from .citation import setup_citation
    from .hardening import setup_hardening
    from .pictures import setup_pictures
    from .prune import setup_prune
    from .scan import setup_scan
    from .search import setup_search
    from .search_page import setup_search_page

    app.setup_extension("myst_parser")
    setup_hardening(app)
    setup_scan(app)
    setup_search(app)  # search filters per page, catalog.json beside the site
    setup_citation(app)  # meta tags, JSON-LD, cite/ files (after search: kb_catalog)
    setup_search_page(app)  # search.html is ours; find.html leads there
    setup_prune(app)  # no page of a deleted source survives a build
    setup_pictures(app)  # the {kb-timeline} and {kb-map} directives
    setup_accessibility(app)  # the theme's navigation, readable by screen readers
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

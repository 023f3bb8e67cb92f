"""Security settings that the build checks and enforces, not just hopes for.

Facts this module rests on (measured with Sphinx 9.0, docutils 0.22, MyST-Parser 5.2):

* Raw HTML in MyST is stopped by ``myst_disable_syntax = ["html_block", "html_inline"]``;
  docutils' ``raw_enabled`` does not stop it.
* ``file_insertion_enabled = False`` and ``raw_enabled = False`` written in ``conf.py``
  are ignored: Sphinx passes its own docutils settings to the parser, and ``{include}``
  and ``{raw}`` still work. :func:`apply_docutils_settings` sets them where the parser
  reads them.
* Front matter can reconfigure MyST for its page (``myst:`` re-enables HTML or turns on
  extensions, ``html_meta:`` adds ``<meta http-equiv="refresh">``); the ``substitution``
  extension evaluates Jinja2, i.e. runs code in the build.

Security settings fail the build with a :class:`~sphinx.errors.ConfigError` rather than
warn and fall back: a site that quietly built with HTML enabled would be worse than none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from myst_parser.config.main import TopmatterReadError, read_topmatter
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError, SphinxError

#: MyST syntax that must stay disabled: it passes raw HTML through to the page.
DISABLED_SYNTAX: Final = ("html_block", "html_inline")
#: MyST extensions the site must not enable, and why.
FORBIDDEN_EXTENSIONS: Final[Mapping[str, str]] = {
    "substitution": "it evaluates Jinja2 templates, so a page could run code in the build",
    "html_image": "it reads <img> HTML, which copies files into the site",
    "html_admonition": "it reads <div> HTML",
    "linkify": "it makes links of addresses in source text, which the pipeline escapes",
}
#: URL schemes that must never become links.
FORBIDDEN_SCHEMES: Final = frozenset({"javascript", "vbscript", "data", "file"})
#: Front matter keys that reconfigure MyST (or the page's <head>) for their page.
RECONFIGURING_KEYS: Final = ("myst", "mystnb", "substitutions", "html_meta")
#: Docutils settings this extension forces, as config values so a change is refused.
DOCUTILS_SETTINGS: Final[Mapping[str, bool]] = {
    "file_insertion_enabled": False,
    "raw_enabled": False,
}


class UnsafeSourceError(SphinxError):
    """A page would change the parser's security settings for itself."""

    category = "Unsafe page"


def _names(value: Any) -> set[str]:
    """The names in a config value given as a list, tuple, set or dict."""
    if value is None:
        return set()
    return {str(item) for item in (value.keys() if isinstance(value, Mapping) else value)}


def config_problems(config: Config | Mapping[str, Any]) -> list[str]:
    """Every security setting that is wrong, each with the fix; empty when all are right."""

    def get(name: str, default: Any = None) -> Any:
        if isinstance(config, Mapping):
            return config.get(name, default)
        return getattr(config, name, default)

    problems = [
        f"myst_disable_syntax must include {syntax!r} (got {get('myst_disable_syntax')!r}): "
        "raw HTML in a source would reach the page"
        for syntax in DISABLED_SYNTAX
        if syntax not in _names(get("myst_disable_syntax"))
    ]
    problems += [
        f"myst_enable_extensions must not include {name!r}: {why}"
        for name, why in sorted(FORBIDDEN_EXTENSIONS.items())
        if name in _names(get("myst_enable_extensions"))
    ]
    schemes = _names(get("myst_url_schemes")) & FORBIDDEN_SCHEMES
    if schemes:
        problems.append(f"myst_url_schemes must not include {sorted(schemes)}")
    for name, wanted in sorted(DOCUTILS_SETTINGS.items()):
        if get(name, wanted) is not wanted:
            problems.append(f"{name} must be {wanted} (got {get(name)!r})")
    if get("smartquotes", True) is not False:
        problems.append("smartquotes must be False: source text is shown as it was written")
    if get("suppress_warnings"):
        problems.append(
            f"suppress_warnings must be empty (got {get('suppress_warnings')!r}): "
            "fix the page that warns instead, so nothing is hidden"
        )
    return problems


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: refuse to build with unsafe settings."""
    problems = config_problems(config)
    if problems:
        raise ConfigError("unsafe configuration:\n  " + "\n  ".join(problems))


def apply_docutils_settings(app: Sphinx) -> None:
    """``builder-inited``: make the docutils settings reach the parser of every page."""
    app.env.settings.update(DOCUTILS_SETTINGS)


def reconfiguring_keys(text: str) -> list[str]:
    """The keys of a page's front matter that would reconfigure MyST for the page."""
    try:
        data = read_topmatter(text)
    except TopmatterReadError:
        return []  # MyST reports malformed front matter itself, and then ignores it
    return sorted(key for key in RECONFIGURING_KEYS if data and key in data)


def check_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: refuse a Markdown page whose front matter reconfigures MyST."""
    markdown = {suffix for suffix, kind in app.config.source_suffix.items() if kind == "markdown"}
    if app.env.doc2path(docname).suffix not in markdown:
        return
    keys = reconfiguring_keys(source[0])
    if keys:
        raise UnsafeSourceError(
            f"{app.env.doc2path(docname)}: front matter key(s) {keys} would change how MyST "
            "reads this page (HTML, extensions, <meta> tags); remove them - the site's "
            "settings are in docs/conf.py"
        )


def setup_hardening(app: Sphinx) -> None:
    """Register the docutils settings as config values and connect the checks."""
    for name, default in DOCUTILS_SETTINGS.items():
        app.add_config_value(name, default, "env", types=frozenset({bool}))
    app.connect("config-inited", check_config, priority=900)
    app.connect("builder-inited", apply_docutils_settings)
    app.connect("source-read", check_front_matter)

"""Test root: the site's own configuration, read from docs/conf.py as it is."""

import runpy
import types
from pathlib import Path

import tools.ingest  # the project's package; tests/conftest.py puts it on sys.path

_SITE_CONF = Path(tools.ingest.__file__).resolve().parents[2] / "docs" / "conf.py"

for _name, _value in runpy.run_path(str(_SITE_CONF)).items():
    if _name == "setup" or not (
        _name.startswith("_") or isinstance(_value, types.ModuleType) or callable(_value)
    ):
        globals()[_name] = _value

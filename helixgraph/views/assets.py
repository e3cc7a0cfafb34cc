"""Scripts and styles inlined into the page: vis-network from the installed pyvis, and our own.

vis-network is read from the copy inside the installed pyvis wheel each time a process first
needs it, so the repository holds no copy. Its licence header and a few string literals contain
``http(s)://`` text (an SVG namespace, links in error messages); none is fetched, but the page
must not contain such text at all, so :func:`inline_script` writes each ``://`` there as
``:\\/\\/``, which means the same inside JavaScript strings, regular expressions and comments.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib import resources

from markupsafe import Markup

from helixgraph.errors import RenderError

__all__ = ["VIS_NETWORK_JS", "inline_script", "script_hash", "template_asset", "vis_network_js"]

#: Where pyvis keeps the vis-network build its own template uses.
VIS_NETWORK_JS = ("lib", "vis-9.1.2", "vis-network.min.js")

_URL_SCHEME = re.compile(r"\b(https?):(?://)", re.IGNORECASE)
_BREAKOUTS = ("</script", "<!--")


def inline_script(text: str, *, name: str) -> str:
    """Return script text that is safe between ``<script>`` and ``</script>`` and names no URL.

    Parameters
    ----------
    text : str
        JavaScript or CSS source.
    name : str
        Names the asset in the error message.

    Raises
    ------
    RenderError
        If the text would end its ``<script>`` element early or put the HTML parser into its
        escaped state: the asset is not one we know how to inline.

    Examples
    --------
    >>> print(inline_script('createElementNS("http://www.w3.org/2000/svg", t)', name="demo"))
    createElementNS("http:\\/\\/www.w3.org/2000/svg", t)
    >>> inline_script('x = "</script>"', name="demo")
    Traceback (most recent call last):
    helixgraph.errors.RenderError: demo cannot be inlined: it contains '</script'
    """
    text = _URL_SCHEME.sub(r"\1:\\/\\/", text)
    lowered = text.lower()
    for marker in _BREAKOUTS:
        if marker in lowered:
            raise RenderError(f"{name} cannot be inlined: it contains {marker!r}")
    return text


@cache
def vis_network_js() -> Markup:
    """Return vis-network's standalone build from the installed pyvis, as Markup ready to inline.

    Raises
    ------
    RenderError
        If pyvis is not installed or no longer ships the file.

    Examples
    --------
    >>> script = vis_network_js()
    >>> script is vis_network_js(), "vis-network" in script[:40], len(script) > 100_000
    (True, True, True)
    >>> "</script" in script.lower(), "https://" in script
    (False, False)
    """
    try:
        source = resources.files("pyvis").joinpath(*VIS_NETWORK_JS).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise RenderError(
            f"cannot read vis-network from the installed pyvis ({'/'.join(VIS_NETWORK_JS)}); "
            "reinstall helixgraph's dependencies"
        ) from error
    return Markup(inline_script(source, name="vis-network from pyvis"))


@cache
def template_asset(name: str) -> Markup:
    """Return one of our own files under ``views/templates``, as Markup ready to inline.

    >>> "helixExplorer" in template_asset("explorer.js")
    True
    """
    text = resources.files("helixgraph.views").joinpath("templates", name).read_text(encoding="utf-8")
    return Markup(inline_script(text, name=name))


def script_hash(text: str) -> str:
    """Base64 SHA-256 of a script's text, as a Content-Security-Policy ``'sha256-...'`` source wants it.

    >>> script_hash("alert(1)")
    'bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='
    """
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

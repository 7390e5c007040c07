"""Text that users and admins typed (satker and Polda names, kategori labels, account names),
made literal where the app renders markup.

Streamlit renders Markdown (with its own ``:color[…]`` and ``:material/…:`` directives) in titles,
captions, messages, metric and widget labels, so ``![q](https://…/x.png)`` in a kategori label would
load an outside image on every page. Plotly renders a subset of HTML in titles, tick labels,
legends and hover text, so ``<a href=…>`` would become a link inside a chart. These helpers escape
a value for one of those sinks; everything else (files, the deck, table cells) takes the text as
it is.
"""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_\[\]<>~$|])")
_AWAL_BLOK = re.compile(r"^(\s*\d*)([#>+=.)-])")


def escape_markdown(teks: str) -> str:
    r"""``teks`` shown literally by ``st.markdown`` and every Streamlit label.

    Escaped: what makes links and images (``[`` ``]``), autolinks and HTML (``<`` ``>``),
    emphasis, code, strike-through, math and tables anywhere, and a heading, quote or list marker
    at the start; line breaks become spaces. Other punctuation stays as typed, so a name or a
    message reads the same in the page source and on screen. (A bare ``https://…`` may still be
    shown as a link by the browser's Markdown, never as an image.)

    >>> escape_markdown("![q](https://x.id/a.png)")
    '!\\[q\\](https://x.id/a.png)'
    >>> escape_markdown("# Polres *Batu*"), escape_markdown("1. Polres Batu")
    ('\\# Polres \\*Batu\\*', '1\\. Polres Batu')
    >>> escape_markdown("Laporan Polres Batu Mei 2024 tersimpan (3 kegiatan).")
    'Laporan Polres Batu Mei 2024 tersimpan (3 kegiatan).'
    """
    teks = _MARKDOWN.sub(r"\\\1", " ".join(teks.splitlines()))
    return _AWAL_BLOK.sub(r"\1\\\2", teks)


def escape_html(teks: str) -> str:
    """``teks`` shown literally in a Plotly title, tick label, legend or hover text.

    >>> escape_html('<a href="http://x.id">klik</a> & <b>')
    '&lt;a href="http://x.id"&gt;klik&lt;/a&gt; &amp; &lt;b&gt;'
    """
    return html.escape(teks, quote=False)

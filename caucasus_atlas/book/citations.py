"""The bibliography's style: each source as the web page it is."""

from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, optional, sentence


class AtlasStyle(UnsrtStyle):
    """Web sources: linked title, publisher, publication date, and when we read it."""

    def get_misc_template(self, e):
        return toplevel[
            sentence[href(url=field("url", raw=True))[field("title", raw=True)]],
            sentence[field("publisher", raw=True), optional[field("date", raw=True)]],
            sentence[join(" ")["Accessed", field("urldate", raw=True)]],
        ]

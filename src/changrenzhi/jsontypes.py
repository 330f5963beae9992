"""The types of the JSON the commands print, for mypy and for the JSON Schemas.

Every JSON output is built by a ``to_json`` whose return type is a ``TypedDict`` (from
``typing_extensions``, which pydantic reads on every Python this package supports). mypy holds the
code to the type; :mod:`changrenzhi.schemas` derives each output's schema from it, so a key the code
adds, drops or retypes shows in ``changrenzhi schema NAME`` (and a test compares the shipped copy).
An object type refuses keys it does not name unless it says otherwise.
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from typing_extensions import TypedDict

__all__ = ["DATE_PATTERN", "Day", "NotRequired", "Schema", "TypedDict"]

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class Schema:
    """JSON Schema keywords that an annotation adds to its type's schema:
    ``Annotated[str, Schema(format="date")]``. mypy sees the type alone."""

    __slots__ = ("keywords",)

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        out = handler(core_schema)
        out.update(self.keywords)
        return out


#: a day as the outputs write it: ``YYYY-MM-DD``
Day = Annotated[str, Schema(format="date", pattern=DATE_PATTERN)]

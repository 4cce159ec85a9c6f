"""YAML from files a user hands the build (a data folder's indicators.yaml, a -f parameters file), read with
bounds that a real file never meets: no aliases (a "billion laughs" file expands a few lines into gigabytes),
nesting at most :data:`MAX_DEPTH` deep, integers of at most :data:`MAX_DIGITS` digits. Anything outside them is a
:class:`yaml.YAMLError` with a message, never a MemoryError, RecursionError or ValueError. Part of the
foundation: imports nothing of szreport.
"""

from __future__ import annotations

import re

import yaml

MAX_DEPTH = 20  # mappings and lists inside each other: indicators.yaml needs 2, a parameters file 2
MAX_DIGITS = 30  # digits of one integer: years and counts need 4 to 7
_INTEGER = re.compile(r"[-+]?[0-9_]+")


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, deep nesting and huge integers before building anything."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(f"line {event.start_mark.line + 1}: aliases (*name) are not allowed here")
        depth = getattr(self, "_depth", 0) + 1
        if depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"line {mark.line + 1}: nested more than {MAX_DEPTH} levels deep")
        self._depth = depth
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth - 1

    def construct_yaml_int(self, node):
        digits = str(node.value).lstrip("+-").replace("_", "")
        if _INTEGER.fullmatch(str(node.value)) and len(digits) > MAX_DIGITS:
            raise yaml.YAMLError(
                f"line {node.start_mark.line + 1}: an integer of {len(digits)} digits (at most {MAX_DIGITS})"
            )
        return super().construct_yaml_int(node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)


def load(text: str):
    """The YAML document in ``text``, within the bounds above; :class:`yaml.YAMLError` when outside them."""
    try:
        return yaml.load(text, Loader=_BoundedLoader)
    except (RecursionError, MemoryError, ValueError) as error:  # a bound the checks above did not see
        raise yaml.YAMLError(f"cannot be read within bounds: {type(error).__name__}") from None

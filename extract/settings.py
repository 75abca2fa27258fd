"""Settings of the extraction stage, validated when built."""

from __future__ import annotations

from dataclasses import dataclass, fields

from shinkyu.schemas.errors import SettingsError

TABLE_ENGINES = ("plumber", "camelot")


@dataclass(frozen=True)
class ExtractSettings:
    """Tolerances are in PDF points.

    snap_tolerance: rules closer than this on their cross axis are the same rule.
    join_tolerance: collinear rules with a gap up to this are one rule (Word draws borders
        as separate strokes that do not quite meet).
    intersection_tolerance: how far a rule may stop short of another and still touch it.
    rule_max_width: a filled rectangle thinner than this is a rule, not a box.
    gutter_min_lines: a borderless column split needs this many consecutive lines that
        share a blank vertical strip.
    """

    table_engine: str = "plumber"
    snap_tolerance: float = 2.0
    join_tolerance: float = 4.0
    intersection_tolerance: float = 3.0
    rule_max_width: float = 3.0
    gutter_min_lines: int = 3
    password: str | None = None

    def __post_init__(self) -> None:
        if self.table_engine not in TABLE_ENGINES:
            raise SettingsError(
                f"table_engine={self.table_engine!r} is not one of {', '.join(TABLE_ENGINES)}"
            )
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "float" and (not isinstance(value, (int, float)) or value < 0):
                raise SettingsError(f"{f.name}={value!r} must be a number >= 0 (points)")
        if not isinstance(self.gutter_min_lines, int) or self.gutter_min_lines < 2:
            raise SettingsError(
                f"gutter_min_lines={self.gutter_min_lines!r} must be a whole number >= 2"
            )

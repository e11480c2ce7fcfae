"""edits.yaml -> Edits, or one InputError line naming the entry that is wrong (exit 2, nothing written)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import InputError
from ..models import Edit, Edits

EDITS_FILE = "edits.yaml"  # in the output folder, read by every later build into it


def read_edits(path: Path) -> Edits:
    """The corrections in `path`; InputError naming the file and the first entry that is not a valid edit."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror or error})") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not YAML: {str(error).splitlines()[0]}") from error
    if data is None:
        return Edits()
    if not isinstance(data, dict) or not isinstance(data.get("edits", []), list):
        raise InputError(f"{path}: expected `version: 1` and a list `edits:` (schemas/edits.schema.json)")
    for number, entry in enumerate(data.get("edits") or [], start=1):
        try:
            Edit.model_validate(entry)
        except ValidationError as error:
            first = error.errors()[0]
            where = "".join(f"{'.'.join(map(str, first['loc']))}: " if first["loc"] else "")
            message = str(first["msg"]).removeprefix("Value error, ")
            raise InputError(f"{path}: edit {number}: {where}{message}") from error
    try:
        return Edits.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise InputError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from error

"""The workflow's entry: the file a run was started on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Port, Step, StepSpec
from desktop.engine.types import PortType


class InputFile(Step):
    spec = StepSpec(
        id="core.input_file",
        title="Input file",
        category="Input",
        description="The file this run was started on: dropped on the window, picked from "
                    "the tray, given on the command line or found in a watched folder.",
        outputs=(Port("file", PortType.FILE, help="path of the input file"),),
        source=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        path = ctx.run_input
        if path is None:
            raise StepError("this workflow needs an input file, and the run was started without one")
        path = Path(path).expanduser()
        if not path.exists():
            raise StepError(f"the input file {path} does not exist (was it moved or deleted?)")
        if path.is_dir():
            raise StepError(f"{path} is a folder; give a file")
        if not os.access(path, os.R_OK):
            raise StepError(f"the input file {path} cannot be read (permission denied)")
        return {"file": path.resolve()}


STEPS = [InputFile]

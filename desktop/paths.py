"""Where Runnel keeps its data. `RUNNEL_HOME` overrides the platform's data folder
(every test points it at a temporary directory)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

CHECKOUT = Path(__file__).resolve().parent.parent


class DataFolderError(Exception):
    """The data folder cannot be used; the message says which and why."""


def runnel_home() -> Path:
    env = os.environ.get("RUNNEL_HOME")
    home = Path(env).expanduser() if env else user_data_path("Runnel", appauthor=False)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataFolderError(f"the Runnel data folder {home} is a file, not a folder "
                              "(check RUNNEL_HOME)") from None
    except OSError as e:
        raise DataFolderError(f"the Runnel data folder {home} cannot be created: "
                              f"{e.strerror or e}") from None
    return home


def database_path() -> Path:
    return runnel_home() / "runnel.db"


def user_workflows_dir() -> Path:
    return runnel_home() / "workflows"


def user_models_dir() -> Path:
    return runnel_home() / "models"


def checkout_models_dir() -> Path:
    return CHECKOUT / "models"


def examples_dir() -> Path:
    return CHECKOUT / "workflows"

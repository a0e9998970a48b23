"""The welcome on a first start: three short steps.

1. Your model, on this machine: the default model is loaded and asked for a few
   tokens on a background thread (through the app's own LLMClient), with the memory
   this computer has and what larger models would need.
2. Start from an example: the chosen examples are copied into My workflows.
3. Watch a folder (optional): a copy of one example with a folder trigger on it.

Finishing or skipping sets `welcome_done` in settings.json, so it shows once.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import settings
from desktop.engine.context import Cancelled
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import dumps, load_workflow, loads
from desktop.engine.triggers import Trigger
from desktop.engine.workflow import Workflow
from desktop.llm import catalog
from desktop.llm.catalog import DEFAULT_CONTEXT, Model, ModelError
from desktop.paths import examples_dir, runnel_home, user_workflows_dir
from desktop.ui import theme
from desktop.ui.library import slug

WELCOME_KEY = "welcome_done"
CONTEXT_KEY = "llm_context"         # the same key Preferences writes
CHECK_PROMPT = "Say hello."
CHECK_TOKENS = 4
SETUP_HINT = ("run “bash packaging/setup.sh” in the Runnel folder to install the default "
              "model, or import a GGUF file you already have in Models (Ctrl+M)")

# Typical open models at 4-bit quantization (Q4_K_M averages ~4.85 bits per weight):
# (size label, an example, parameters, layers, KV heads, head size)
REFERENCE_MODELS: tuple[tuple[str, str, float, int, int, int], ...] = (
    ("1B", "Llama 3.2 1B", 1.24e9, 16, 8, 64),
    ("3B", "Llama 3.2 3B", 3.21e9, 28, 8, 128),
    ("7B", "Mistral 7B", 7.24e9, 32, 8, 128),
    ("8B", "Llama 3.1 8B", 8.03e9, 32, 8, 128),
)
Q4_BITS_PER_WEIGHT = 4.85
_GB = 2**30      # memory is sold in binary gigabytes, and shown that way


def should_show() -> bool:
    """True until the welcome was finished or skipped once."""
    return not settings.get(WELCOME_KEY)


def mark_done() -> None:
    settings.update(**{WELCOME_KEY: True})


# ---------------------------------------------------------------- model and memory

def model_label(model: Model) -> str:
    """'SmolLM2-135M-Instruct' for SmolLM2-135M-Instruct.Q4_1.gguf: the file name
    without its quantization (GGUF 'general.name' is often a training-run label)."""
    stem = model.path.stem
    short = re.sub(r"[.\-_](I?Q\d[\w]*|F16|F32|BF16)$", "", stem, flags=re.IGNORECASE)
    return short or stem


def context_tokens() -> int:
    value = settings.get(CONTEXT_KEY)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else DEFAULT_CONTEXT


def estimate_memory(parameters: float, layers: int, kv_heads: int, head_size: int,
                    n_ctx: int, bits_per_weight: float = Q4_BITS_PER_WEIGHT) -> int:
    """Bytes, by catalog.Model.memory_needed's formula: the weights, the f16 KV cache
    for n_ctx tokens (K and V, every layer), and llama.cpp's scratch buffers."""
    weights = parameters * bits_per_weight / 8
    kv_per_token = layers * kv_heads * (head_size + head_size) * 2
    return int(weights + kv_per_token * n_ctx + catalog._COMPUTE_OVERHEAD)


def fit_verdict(need: int, available: int, total: int) -> str:
    """'fits' (in the memory free now), 'tight' (only with other programs closed) or 'too_large'."""
    if need <= available:
        return "fits"
    if need <= total * 0.8:
        return "tight"
    return "too_large"


_VERDICT_TEXT = {"fits": "Fits", "tight": "Close other programs first", "too_large": "Too large"}
_VERDICT_COLOUR = {"fits": "done", "tight": "cancelled", "too_large": "failed"}


@dataclass(frozen=True)
class SizeRow:
    label: str          # "SmolLM2-135M-Instruct (installed)" or "3B  (e.g. Llama 3.2 3B)"
    need: int           # bytes
    verdict: str        # fits | tight | too_large


def memory_rows(model: Model | None, n_ctx: int, available: int, total: int) -> list[SizeRow]:
    rows = []
    if model is not None:
        need = model.memory_needed(model.context_for(n_ctx))
        rows.append(SizeRow(f"{model_label(model)} (installed)", need, fit_verdict(need, available, total)))
    for size, example, params, layers, kv_heads, head in REFERENCE_MODELS:
        need = estimate_memory(params, layers, kv_heads, head, n_ctx)
        rows.append(SizeRow(f"{size} model, e.g. {example}", need, fit_verdict(need, available, total)))
    return rows


def gb(n: int) -> str:
    return f"{n / _GB:.1f} GB"


def explain_model_error(error: BaseException, model: Model | None) -> str:
    """What went wrong with the default model, and what to do: a first line that says
    what happened, then a line of detail."""
    if isinstance(error, Cancelled):
        return "The check was stopped."
    if model is None:
        _, problems = catalog.list_models()
        text = f"No model is installed yet.\nTo install one, {SETUP_HINT}."
        if problems:
            text += " Runnel found model files it cannot read: " + "; ".join(problems) + "."
        return text
    reason = _sentence(str(error))
    from desktop.llm.client import LoadFailed, WorkerCrashed

    if isinstance(error, (LoadFailed, WorkerCrashed)):
        return (f"{model_label(model)} is installed but could not be used.\n{reason} "
                f"The file may be damaged: {SETUP_HINT}.")
    if isinstance(error, ModelError):
        return f"{model_label(model)} could not be used.\n{reason}"
    return f"{model_label(model)} could not be checked.\n{type(error).__name__}: {error}"


def _sentence(text: str) -> str:
    """A capital (unless the text starts with a name such as llama.cpp) and a full stop."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# ---------------------------------------------------------------- examples

@dataclass(frozen=True)
class Example:
    path: Path
    name: str
    description: str


def examples() -> list[Example]:
    """The shipped examples that load, in the order of their names."""
    found = []
    for path in sorted(examples_dir().glob("*.yaml")):
        try:
            wf = load_workflow(path)
        except WorkflowFileError:
            continue
        found.append(Example(path, wf.name, " ".join(wf.description.split())))
    return sorted(found, key=lambda e: e.name.casefold())


def find_example(name: str) -> Example:
    """By workflow name, file name or file stem (case does not matter)."""
    key = name.strip().casefold()
    for e in examples():
        if key in (e.name.casefold(), e.path.name.casefold(), e.path.stem.casefold()):
            return e
    raise ValueError(f"there is no example named '{name}'")


def _user_workflows() -> list[tuple[Path, Workflow]]:
    folder = user_workflows_dir()
    found = []
    if folder.is_dir():
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            if path.name.startswith("."):
                continue
            try:
                found.append((path, load_workflow(path)))
            except WorkflowFileError:
                continue
    return found


def _unique_name(base: str, taken: set[str]) -> str:
    if base.casefold() not in taken:
        return base
    n = 2
    while f"{base} ({n})".casefold() in taken:
        n += 1
    return f"{base} ({n})"


def _write_new(folder: Path, stem: str, text: str) -> Path:
    """Write text to a new file stem.yaml, stem-2.yaml, ...: never replaces a file
    (exclusive creation, so not even one that appears meanwhile)."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        path = folder / (f"{stem}.yaml" if n == 1 else f"{stem}-{n}.yaml")
        try:
            f = open(path, "x", encoding="utf-8")
        except FileExistsError:
            n += 1
            continue
        try:
            with f:
                f.write(text)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path.resolve()


def _anchored(folder: str) -> bool:
    return folder.startswith(("~", "$")) or Path(folder).is_absolute()


def _own_copy(example: Example, taken: set[str]) -> Workflow:
    wf = load_workflow(example.path)
    wf.name = _unique_name(wf.name, taken)
    # relative folders meant "next to the example"; keep pointing there
    wf.folders = {k: v if _anchored(v) else str((example.path.parent / v).resolve())
                  for k, v in wf.folders.items()}
    return wf


def copy_examples(names: Iterable[str]) -> list[Path]:
    """Copy the named examples into My workflows; returns the new files.

    The copies keep their quick actions but watch no folder: the examples share
    inboxes (two invoice workflows on ~/Runnel/Inbox/Invoices would race for each
    file), and watching is something the user sets up on purpose (step 3)."""
    chosen = [find_example(n) for n in names]     # all names checked before any file is written
    taken = {wf.name.casefold() for _, wf in _user_workflows()}
    created = []
    for example in chosen:
        wf = _own_copy(example, taken)
        wf.triggers = [t for t in wf.triggers if t.kind != "folder"]
        taken.add(wf.name.casefold())
        created.append(_write_new(user_workflows_dir(), example.path.stem, dumps(wf)))
    return created


# ---------------------------------------------------------------- watching a folder

def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _expand(path: str, base: Path) -> Path:
    p = Path(os.path.expandvars(os.path.expanduser(path)))
    return (p if p.is_absolute() else base / p).resolve()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def folder_problem(folder: Path | str, example_name: str | None = None) -> str | None:
    """Why this folder cannot be watched (one sentence), or None when it can."""
    text = str(folder).strip()
    if not text:
        return "Choose the folder to watch."
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        return f"“{text}” is not a full path; choose the folder with Choose…"
    if not path.exists():
        return f"The folder {path} does not exist. Create it first, or choose another one."
    if not path.is_dir():
        return f"{path} is a file, not a folder."
    path = path.resolve()
    home = runnel_home().resolve()
    if _inside(path, home):
        return (f"{path} is inside Runnel's own data folder ({home}). "
                "Choose a folder of your own, such as where your scanner saves.")
    if not _writable(path):
        return (f"Runnel cannot write in {path}, so it could not move processed files "
                "out of the way. Choose a folder you can write to.")
    for wf_path, wf in _user_workflows():
        for t in wf.triggers:
            if t.kind == "folder" and t.path and _expand(t.path, wf_path.parent) == path:
                return (f"“{wf.name}” already watches {path}; two workflows on one folder would "
                        "race for each file. Choose another folder.")
    if example_name:
        try:
            example = find_example(example_name)
            wf = load_workflow(example.path)
        except (ValueError, WorkflowFileError) as e:
            return _sentence(str(e))
        for declared in wf.folders.values():
            if _expand(declared, example.path.parent) == path:
                return (f"“{wf.name}” saves its results in {path}, so it would process its own "
                        "results again. Choose another folder.")
    return None


def watch_folder(folder: Path | str, example_name: str) -> Path:
    """A new workflow in My workflows: a copy of the example that runs on every file
    landing in `folder` (moved to Processed when done, to Failed with the reason when
    not). Raises ValueError with a sentence when the folder cannot be watched."""
    from desktop.engine.registry import default_registry
    from desktop.engine.validate import validate

    example = find_example(example_name)
    problem = folder_problem(folder, example.name)
    if problem:
        raise ValueError(problem)
    path = Path(os.path.expanduser(str(folder).strip())).resolve()
    taken = {wf.name.casefold() for _, wf in _user_workflows()}
    wf = _own_copy(example, set())
    wf.name = _unique_name(f"{example.name} on {path.name or path}", taken)
    patterns = next((list(t.patterns) for t in wf.triggers if t.kind == "folder"), [])
    wf.triggers = [t for t in wf.triggers if t.kind != "folder"]
    wf.triggers.insert(0, Trigger(kind="folder", path=str(path), patterns=patterns,
                                  after_success="move", after_failure="move"))
    text = dumps(wf)
    problems = validate(loads(text), default_registry())
    if problems:
        raise ValueError(f"the new workflow would not be valid: {problems[0].message}")
    return _write_new(user_workflows_dir(), slug(wf.name), text)


# ---------------------------------------------------------------- the dialog

def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setContentsMargins(0, 6, 0, 0)
    return label


def _text(text: str, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if muted:
        label.setEnabled(False)       # the palette's muted text colour, in both themes
    return label


def _line() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class WelcomeDialog(QDialog):
    """Three steps, Back / Next / Skip. Usable without clicking: check_model(),
    copy_examples(names), watch_folder(folder, example_name), finish()."""

    finished_setup = Signal(list)          # the workflow files created (str paths)
    modelChecked = Signal(bool, str)       # ok, the sentence shown
    _checkDone = Signal(bool, str)         # from the check thread, queued to the GUI thread

    STEPS = ("Your model", "Examples", "Watch a folder")

    def __init__(self, llm=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle("Welcome to Runnel")
        self.setMinimumSize(600, 540)
        self.resize(680, 600)
        if llm is None:
            from desktop.llm.client import LLMClient

            llm, self._own_llm = LLMClient(), True
        else:
            self._own_llm = False
        self._llm = llm
        self._checking = False
        self._checked_once = False
        self.created: list[Path] = []
        self.watch_path: Path | None = None
        self._copied: set[str] = set()
        self._copies: dict[str, Path] = {}           # example file name -> its copy
        self._examples = examples()
        self._checkDone.connect(self._check_done)

        self.steps_row = QHBoxLayout()
        self.step_labels: list[QLabel] = []
        for i, name in enumerate(self.STEPS):
            if i:
                arrow = _text("›", muted=True)
                self.steps_row.addWidget(arrow)
            label = QLabel(f"{i + 1}. {name}")
            self.step_labels.append(label)
            self.steps_row.addWidget(label)
        self.steps_row.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._model_page())
        self.pages.addWidget(self._examples_page())
        self.pages.addWidget(self._watch_page())

        self.skip_button = QPushButton("Skip Setup")
        self.skip_button.setToolTip("Close this and start with an empty canvas; nothing is copied")
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.reject)
        self.back_button = QPushButton("Back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button = QPushButton("Next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.setSpacing(10)
        layout.addLayout(self.steps_row)
        layout.addWidget(_line())
        layout.addWidget(self.pages, 1)
        layout.addWidget(_line())
        layout.addLayout(buttons)
        self.go(0)

    # ------------------------------------------------------------ pages

    def _page(self, title: str, intro: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(_title(title))
        layout.addWidget(_text(intro))
        return page, layout

    def _model_page(self) -> QWidget:
        page, layout = self._page(
            "Your model, on this machine",
            "Runnel's AI steps use a language model that runs on this computer. "
            "Here is a quick check that it loads and answers.")

        status = QHBoxLayout()
        status.setSpacing(10)
        self.status_icon = QLabel()
        self.status_icon.setFixedSize(22, 22)
        self.status_label = _text("")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status_detail = _text("", muted=True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(260, 8)
        self.busy.hide()
        lines = QVBoxLayout()
        lines.setSpacing(4)
        lines.addWidget(self.status_label)
        lines.addWidget(self.status_detail)
        lines.addWidget(self.busy)
        status.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status.addLayout(lines, 1)
        self.retry_button = QPushButton("Check Again")
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(self.check_model)
        self.retry_button.hide()
        status.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(status)
        self._show_status(None, "The check starts in a moment…")

        layout.addWidget(_heading("Memory"))
        self.memory_label = _text("")
        layout.addWidget(self.memory_label)
        self.memory_grid = QGridLayout()
        self.memory_grid.setHorizontalSpacing(24)
        self.memory_grid.setVerticalSpacing(4)
        self.memory_grid.setColumnStretch(3, 1)
        layout.addLayout(self.memory_grid)
        self.memory_note = _text("", muted=True)
        layout.addWidget(self.memory_note)
        self.refresh_memory()

        layout.addStretch(1)
        private = QFrame()
        private.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(private)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(_heading("Private by design"))
        self.privacy_label = _text(
            "Everything runs on this computer. Nothing you process is sent anywhere: "
            "no account, no telemetry, no internet connection needed.")
        box.addWidget(self.privacy_label)
        layout.addWidget(private)
        return page

    def refresh_memory(self) -> None:
        vm = psutil.virtual_memory()
        total, available = vm.total, catalog.available_memory()
        n_ctx = context_tokens()
        try:
            model: Model | None = catalog.default_model()
        except ModelError:
            model = None
        self.memory_label.setText(f"This computer has {gb(total)} of memory; "
                                  f"{gb(available)} is free right now.")
        while self.memory_grid.count():
            item = self.memory_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for col, head in enumerate(("Model", "Needs about", "On this computer")):
            label = QLabel(head)
            label.setEnabled(False)
            self.memory_grid.addWidget(label, 0, col, Qt.AlignmentFlag.AlignRight if col == 1
                                       else Qt.AlignmentFlag.AlignLeft)
        self.size_rows = memory_rows(model, n_ctx, available, total)
        for r, row in enumerate(self.size_rows, start=1):
            self.memory_grid.addWidget(QLabel(row.label), r, 0)
            self.memory_grid.addWidget(QLabel(gb(row.need)), r, 1, Qt.AlignmentFlag.AlignRight)
            verdict = QLabel(_VERDICT_TEXT[row.verdict])
            colour = theme.status_colour(_VERDICT_COLOUR[row.verdict]).name()
            verdict.setStyleSheet(f"color: {colour}; font-weight: 600;")
            self.memory_grid.addWidget(verdict, r, 2)
        self.memory_note.setText(
            f"Estimates, for models quantized to 4 bits (Q4) with a {n_ctx:,}-token context: "
            "the weights, the context and working space. Larger models give better answers but "
            "run slower. Import one later in Models (Ctrl+M).")

    def _examples_page(self) -> QWidget:
        page, layout = self._page(
            "Start from an example",
            "Tick the examples you want as your own workflows. The copies go to My workflows, "
            "where you can change them; the originals stay as they are.")
        inner = QWidget()
        rows = QVBoxLayout(inner)
        rows.setContentsMargins(4, 4, 4, 4)
        rows.setSpacing(2)
        self.example_boxes: dict[str, QCheckBox] = {}
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + \
            self.style().pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing)
        for example in self._examples:
            box = QCheckBox(example.name)
            font = box.font()
            font.setWeight(QFont.Weight.DemiBold)
            box.setFont(font)
            self.example_boxes[example.name] = box
            rows.addWidget(box)
            desc = _text(example.description, muted=True)
            desc.setContentsMargins(indent, 0, 0, 8)
            desc.setCursor(Qt.CursorShape.PointingHandCursor)
            desc.mousePressEvent = lambda _e, b=box: b.toggle()  # type: ignore[method-assign]
            rows.addWidget(desc)
        if not self._examples:
            rows.addWidget(_text("No examples were found in " + str(examples_dir()) + ".", muted=True))
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        layout.addWidget(_text("Copies don't watch any folder; the next step sets that up. "
                               "You can copy an example any time with Duplicate in the "
                               "workflow list.", muted=True))
        return page

    def _watch_page(self) -> QWidget:
        page, layout = self._page(
            "Watch a folder (optional)",
            "Runnel can run a workflow by itself on every file that lands in a folder, "
            "such as where your scanner saves. A processed file is moved to a Processed folder "
            "inside it; a file that fails goes to Failed, with the reason beside it.")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setContentsMargins(0, 8, 0, 0)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("No folder: skip this step")
        self.folder_edit.setClearButtonEnabled(True)
        self.folder_edit.editingFinished.connect(self._check_folder_field)
        self.folder_edit.textChanged.connect(lambda _t: self._show_folder_problem(None))
        browse = QPushButton("Choose…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(6)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        label = QLabel("Folder:")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(label, 0, 0)
        grid.addLayout(folder_row, 0, 1)

        self.example_combo = QComboBox()
        for example in self._examples:
            self.example_combo.addItem(example.name, example.name)
        digest = self.example_combo.findData("Document digest")
        if digest >= 0:
            self.example_combo.setCurrentIndex(digest)
        self.example_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.example_combo.currentIndexChanged.connect(self._example_changed)
        label = QLabel("Run on each file:")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(label, 1, 0)
        grid.addWidget(self.example_combo, 1, 1, Qt.AlignmentFlag.AlignLeft)
        self.example_desc = _text("", muted=True)
        grid.addWidget(self.example_desc, 2, 1)
        self.folder_message = _text("")
        self.folder_message.setContentsMargins(0, 6, 0, 0)
        grid.addWidget(self.folder_message, 3, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(_text("Watching starts when you click Finish and goes on while Runnel is "
                               "open; Watch Folders in the toolbar pauses it. The new workflow is "
                               "in My workflows, where you can change it.", muted=True))
        self._example_changed()
        return page

    # ------------------------------------------------------------ navigation

    def go(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        for i, label in enumerate(self.step_labels):
            font = label.font()
            font.setWeight(QFont.Weight.DemiBold if i == index else QFont.Weight.Normal)
            label.setFont(font)
            label.setEnabled(i == index)
        self.back_button.setEnabled(index > 0)
        last = index == self.pages.count() - 1
        self.next_button.setText("Finish" if last else "Next")

    def _next(self) -> None:
        if self.pages.currentIndex() < self.pages.count() - 1:
            self.go(self.pages.currentIndex() + 1)
        else:
            self.finish()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt
        super().showEvent(event)
        if not self._checked_once and not self._checking:
            QTimer.singleShot(0, self, self.check_model)   # once the window is painted

    def done(self, result: int) -> None:
        mark_done()           # finished, skipped or closed: it is not shown again
        if self._own_llm:
            self._llm.close()
        super().done(result)

    def checked_examples(self) -> list[str]:
        return [name for name, box in self.example_boxes.items() if box.isChecked()]

    def finish(self) -> bool:
        """Copy the ticked examples, set up the watched folder if one was given, close.
        A folder that cannot be watched is explained on its page; nothing closes then."""
        folder = self.folder_edit.text().strip()
        example = self.example_combo.currentData()
        if folder:
            problem = folder_problem(folder, example) if example else "Choose the workflow to run."
            if problem:
                self.go(2)
                self._show_folder_problem(problem)
                return False
        try:
            self.copy_examples([n for n in self.checked_examples() if n not in self._copied])
            if folder and self.watch_path is None:
                self.watch_folder(Path(folder), example)
        except (ValueError, OSError) as e:
            self.go(2)
            self._show_folder_problem(_sentence(getattr(e, "strerror", None) or str(e)))
            return False
        self.finished_setup.emit([str(p) for p in self.created])
        self.accept()
        return True

    # ------------------------------------------------------------ step 1: the model

    def check_model(self) -> None:
        """Load the default model and ask it for a few tokens, on a thread;
        modelChecked(ok, text) tells how it went."""
        if self._checking:
            return
        self._checking = True
        self._checked_once = True
        self.retry_button.hide()
        self.busy.show()
        self._show_status(None, "Loading the model and asking it to say hello…")
        threading.Thread(target=self._run_check, name="welcome-model-check", daemon=True).start()

    def _run_check(self) -> None:
        model = None
        started = time.monotonic()
        try:
            model = catalog.default_model()
            gen = self._llm.chat(model, [{"role": "user", "content": CHECK_PROMPT}],
                                 max_tokens=CHECK_TOKENS)
            total = time.monotonic() - started
            said = " ".join(gen.text.split())
            text = f"{model_label(model)} answered in {total:.1f} s"
            text += f": “{said}…”" if said else "."
            loading = total - gen.seconds
            if loading >= 0.1:
                text += (f"\nLoading it took {loading:.1f} s of that; it stays loaded while "
                         "Runnel is open, so later answers start at once.")
            ok = True
        except Exception as e:  # noqa: BLE001 - the dialog must always hear back
            ok, text = False, explain_model_error(e, model)
        try:
            self._checkDone.emit(ok, text)
        except RuntimeError:
            pass                 # the dialog was closed meanwhile

    @Slot(bool, str)
    def _check_done(self, ok: bool, text: str) -> None:
        self._checking = False
        self.busy.hide()
        self.retry_button.setVisible(not ok)
        self._show_status(ok, text)
        self.refresh_memory()        # the model is loaded now: show what is free
        self.modelChecked.emit(ok, text)

    def _show_status(self, ok: bool | None, text: str) -> None:
        """The first line says what happened; a second one (muted) adds detail."""
        if ok is None:
            self.status_icon.clear()
        else:
            icon = QStyle.StandardPixmap.SP_DialogApplyButton if ok else QStyle.StandardPixmap.SP_MessageBoxCritical
            self.status_icon.setPixmap(self.style().standardIcon(icon).pixmap(20, 20))
        head, _, detail = text.partition("\n")
        self.status_label.setText(head)
        self.status_detail.setText(detail)
        self.status_detail.setEnabled(not ok)     # muted, unless it explains a failure
        self.status_detail.setVisible(bool(detail))

    # ------------------------------------------------------------ step 2 and 3

    def copy_examples(self, names: Iterable[str]) -> list[Path]:
        names = list(names)
        paths = copy_examples(names)
        self.created.extend(paths)
        self._copied.update(names)
        for name, path in zip(names, paths):
            self._copies[find_example(name).path.name] = path
        return paths

    def copy_of(self, example_file: str) -> Path | None:
        """The copy made here of the example shipped as `example_file`, if any."""
        return self._copies.get(example_file)

    def watch_folder(self, folder: Path, example_name: str) -> Path:
        path = watch_folder(folder, example_name)
        self.created.append(path)
        self.watch_path = path
        return path

    def choose_folder(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Folder to watch", start)
        if chosen:
            self.folder_edit.setText(chosen)
            self._check_folder_field()

    def _check_folder_field(self) -> None:
        text = self.folder_edit.text().strip()
        if not text:
            self._show_folder_problem(None)
            return
        example = self.example_combo.currentData()
        problem = folder_problem(text, example)
        if problem:
            self._show_folder_problem(problem)
        else:
            folder = Path(os.path.expanduser(text)).resolve()
            self._show_folder_problem(None, f"Finish sets up “{example}” to run on every new file "
                                            f"in {folder.name or folder}.")

    def _show_folder_problem(self, problem: str | None, plan: str = "") -> None:
        """A refusal in red, or (plan) what Finish will do; nothing when both are empty."""
        colour = theme.status_colour("failed").name() if problem else self.palette().text().color().name()
        self.folder_message.setStyleSheet(f"color: {colour};")
        self.folder_message.setText(problem or plan)
        self.folder_message.setVisible(bool(problem or plan))

    def _example_changed(self) -> None:
        name = self.example_combo.currentData()
        desc = next((e.description for e in self._examples if e.name == name), "")
        self.example_desc.setText(desc)
        if self.folder_edit.text().strip():
            self._check_folder_field()


def show_welcome(window) -> WelcomeDialog | None:  # type: ignore[no-untyped-def]
    """On a first start, open the welcome over the main window (not blocking it) with
    the window's own model client. When it finishes, the library shows the new
    workflows, the first one opens, and watching starts if a folder was set up."""
    if not should_show():
        return None
    dialog = WelcomeDialog(window.service.llm, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(paths: list[str]) -> None:
        window.library.refresh()
        # the window stays on Invoice intake, as the README's first five minutes expect:
        # the person's own copy of it if they made one; a watched folder's workflow if
        # they set one up (that is what will run); other copies wait in My workflows
        from desktop.app.application import FIRST_EXAMPLE

        first = dialog.watch_path or dialog.copy_of(FIRST_EXAMPLE)
        if first is not None:
            window.open(Path(first))
        elif paths:
            window.statusBar().showMessage("Your copies are in My workflows: click one to open it.", 15000)
        if dialog.watch_path is not None:
            if window.service.watcher is not None:
                window.toggle_watch(False)     # start again so the new trigger is read
            window.toggle_watch(True)

    dialog.finished_setup.connect(finished)
    dialog.open()
    return dialog


__all__ = ["Example", "WelcomeDialog", "copy_examples", "examples", "folder_problem",
           "should_show", "show_welcome", "watch_folder"]

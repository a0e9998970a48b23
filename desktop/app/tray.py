"""The tray icon: Runnel keeps working with the window closed, and the tray is where
the user sees it (idle / working / needs attention), runs a quick action on the
clipboard or on files, looks at recent runs, and pauses watching.

The menu is built apart from the icon, so it exists (and is tested) where no system
tray is available; it is rebuilt each time it opens, so it is always current. While
a run is going, the quick actions are *disabled* with a sentence saying why (the run
service runs one thing at a time; a silent queue would leave the user guessing when
their clipboard text runs). Recent runs, approvals, watching, Open and Quit work as
ever."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QSystemTrayIcon, QWidget

from desktop.engine.errors import WorkflowFileError
from desktop.engine.events import RunFinished, RunStarted, Status
from desktop.engine.fileformat import load_workflow
from desktop.engine.workflow import Workflow
from desktop.paths import examples_dir, runnel_home, user_workflows_dir

if TYPE_CHECKING:
    from desktop.app.notifications import Notifier
    from desktop.app.run_service import RunService
    from desktop.watch.events import JobChanged

IDLE, WORKING, ATTENTION = "idle", "working", "attention"
STATE_COLOURS = {IDLE: "#5b6b7c", WORKING: "#2f80ed", ATTENTION: "#d64541"}
RECENT = 5
STATUS_MARKS = {"done": "✓", "failed": "✗", "interrupted": "✗", "cancelled": "–",
                "running": "…", "waiting": "⏸", "resumed": "↻"}
# short enough for the status bar beside its permanent fields
FALLBACK_TEXT = ("No system tray here: quick actions, approvals and watching are in the window's "
                 "menus (Run, View); closing the window quits.")


# ------------------------------------------------------------ the icon

def draw_icon(state: str, size: int = 64) -> QPixmap:
    """The tray picture, drawn in code: a rounded tile in the state's colour with a
    stream (a runnel) across it; working adds a white badge with a play mark,
    attention one with '!', so the states differ by shape as well as colour."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    small = size < 32                 # tray sizes: fewer, bolder marks stay legible
    colour = QColor(STATE_COLOURS.get(state, STATE_COLOURS[IDLE]))
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92), s * 0.22, s * 0.22)
    p.fillPath(tile, colour)
    badge = state in (WORKING, ATTENTION)
    p.setPen(QPen(QColor("#ffffff"), max(1.6, s * (0.11 if small else 0.085)),
                  Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    # small with a badge: one wave along the top, clear of the badge's corner
    left, right = s * 0.20, s * (0.62 if badge and not small else 0.80)
    rows = (0.30,) if small and badge else (0.38, 0.62) if small else (0.36, 0.58)
    for y in rows:
        mid = (left + right) / 2
        wave = QPainterPath(QPointF(left, s * y))
        wave.cubicTo(QPointF(left + (mid - left) * 0.5, s * (y - 0.10)),
                     QPointF(mid - (mid - left) * 0.5, s * (y + 0.10)), QPointF(mid, s * y))
        wave.cubicTo(QPointF(mid + (right - mid) * 0.5, s * (y - 0.10)),
                     QPointF(right - (right - mid) * 0.5, s * (y + 0.10)), QPointF(right, s * y))
        p.drawPath(wave)
    if badge:
        r = s * (0.27 if small else 0.23)
        c = QPointF(s - r - s * 0.02, s - r - s * 0.02)
        p.setPen(QPen(colour, max(1.0, s * 0.045)))
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(c, r, r)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        if state == WORKING:
            k = r * 0.52
            triangle = QPainterPath(QPointF(c.x() - k * 0.6, c.y() - k))
            triangle.lineTo(QPointF(c.x() + k, c.y()))
            triangle.lineTo(QPointF(c.x() - k * 0.6, c.y() + k))
            triangle.closeSubpath()
            p.drawPath(triangle)
        else:
            w = r * 0.30
            p.drawRoundedRect(QRectF(c.x() - w / 2, c.y() - r * 0.62, w, r * 0.80), w / 2, w / 2)
            p.drawEllipse(QPointF(c.x(), c.y() + r * 0.46), w * 0.6, w * 0.6)
    p.end()
    return pm


def state_icon(state: str) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64):      # each drawn at its size: crisp in any tray
        icon.addPixmap(draw_icon(state, size))
    return icon


# ------------------------------------------------------------ quick actions

@dataclass(frozen=True)
class QuickAction:
    path: Path
    name: str
    description: str
    example: bool


_loaded: dict[Path, tuple[tuple[int, int], Workflow | None]] = {}


def _load(path: Path) -> Workflow | None:
    """A workflow, re-read only when the file changed (the menu asks on every opening)."""
    try:
        st = path.stat()
    except OSError:
        return None
    key = (st.st_mtime_ns, st.st_size)
    cached = _loaded.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        wf: Workflow | None = load_workflow(path)
    except WorkflowFileError:
        wf = None              # a broken file is the library's to report, not the tray's
    _loaded[path] = (key, wf)
    return wf


def quick_action_workflows() -> list[QuickAction]:
    """Every saved workflow (the user's, then the examples) with a quick-action trigger."""
    found: list[QuickAction] = []
    for folder, example in ((user_workflows_dir(), False), (examples_dir(), True)):
        if not folder.is_dir():
            continue
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")], key=lambda p: p.name.lower())
        for path in files:
            wf = _load(path)
            if wf is not None and any(t.kind == "quick_action" for t in wf.triggers):
                found.append(QuickAction(path, wf.name, wf.description, example))
    return found


def quick_folder() -> Path:
    """Where clipboard text is written before it is run (inside the Runnel data folder)."""
    folder = runnel_home() / "quick"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clipboard_file(text: str) -> Path:
    folder = quick_folder()
    stem = time.strftime("clipboard-%Y-%m-%d-%H%M%S")
    path, i = folder / f"{stem}.txt", 2
    while path.exists():
        path, i = folder / f"{stem}-{i}.txt", i + 1
    path.write_text(text, encoding="utf-8")
    prune_quick_files(folder)
    return path


QUICK_KEEP = 50      # clipboard files kept in quick/: the newest, so re-running recent ones works


def prune_quick_files(folder: Path, keep: int = QUICK_KEEP) -> int:
    """Remove all but the newest `keep` clipboard files (only Runnel's own
    clipboard-*.txt), so the folder does not grow for ever; returns how many went."""
    files = []
    for p in folder.glob("clipboard-*.txt"):
        try:
            files.append((p.stat().st_mtime_ns, p.name, p))
        except OSError:
            continue              # removed meanwhile
    files.sort(reverse=True)
    removed = 0
    for _, _, p in files[keep:]:
        try:
            p.unlink()
            removed += 1
        except OSError:
            pass                  # in use or gone: tried again next time
    return removed


def _elide(name: str, limit: int = 44) -> str:
    """Long file names shortened in the middle, keeping the end (the extension, a date)."""
    if len(name) <= limit:
        return name
    keep = limit - 1
    return name[: keep - keep // 3] + "…" + name[-(keep // 3):]


# ------------------------------------------------------------ the tray

class Tray(QObject):
    """`show_window(view="", run_id=None)` brings the main window up; `view` is "" (as
    it was), "history" (on `run_id` when given) or "approvals"."""

    stateChanged = Signal(str)

    def __init__(self, service: RunService, show_window: Callable[..., None], notifier: Notifier, *,
                 on_quit: Callable[[], None] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.notifier = notifier
        self._show_window = show_window
        self._quit = on_quit or QApplication.quit
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.state = IDLE
        self._active: dict[str, tuple[str, str | None]] = {}     # run id -> workflow, input file
        self._failed_unseen = 0
        self._approvals = 0
        self._queued = 0
        self._duplicates: list[str] = []     # duplicates set aside since the user last looked
        self._last_duplicate_note = 0.0
        self._jobs_stale = False             # job events came: re-read the queue once
        # as announced by busyChanged: the run thread outlives its last signal by a moment
        self._busy = service.busy
        self._last_dir = Path.home()
        self._submenus: list[QMenu] = []
        self._busy_note: QAction | None = None
        self._status_actions: list[QAction] = []
        self.run_actions: list[QAction] = []       # disabled while a run is going
        self.actions: dict[str, QAction] = {}      # approvals, watch, open, quit
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild_menu)

        self.icon: QSystemTrayIcon | None = None
        if self.available:
            self.icon = QSystemTrayIcon(state_icon(IDLE), self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._icon_activated)
            self.icon.show()
            notifier.set_tray(self.icon)

        bridge = service.bridge
        bridge.runStarted.connect(self._run_started)
        bridge.runFinished.connect(self._run_finished)
        bridge.approvalRequested.connect(lambda _e: self.refresh())
        service.busyChanged.connect(self._busy_changed)
        service.watchChanged.connect(lambda _on, _text: self._update_watch_action())
        # the watcher announces its jobs through the bridge: no polling of the queue
        bridge.jobChanged.connect(self._job_changed)
        self.rebuild_menu()

    # ------------------------------------------------------------ state

    def fallback_text(self) -> str:
        return FALLBACK_TEXT

    def refresh(self) -> None:
        """Re-read the queue and the approvals, then the state follows."""
        counts = self.service.queue_counts()
        self._queued = counts.get("queued", 0) + counts.get("running", 0)
        self._approvals = self.pending_approvals()
        self._update_state()

    def pending_approvals(self) -> int:
        try:
            return self.service.store.pending_approvals()
        except Exception:        # a store closed at exit: nothing to show
            return 0

    def mark_seen(self) -> None:
        """The user looked at the window: failures and duplicates so far are no longer news."""
        if self._failed_unseen or self._duplicates:
            self._failed_unseen = 0
            self._duplicates.clear()
            self._update_state()

    def _job_changed(self, event: JobChanged) -> None:
        if event.state == "skipped":
            self._duplicate(event)
        # a burst brings thousands of events in a few bridge batches: the queue is
        # re-read once after each batch, not once per event
        if not self._jobs_stale:
            self._jobs_stale = True
            QTimer.singleShot(0, self._jobs_changed)

    def _jobs_changed(self) -> None:
        self._jobs_stale = False
        self.refresh()

    def _duplicate(self, event: JobChanged) -> None:
        """A watched file whose content was already processed: said in the menu, and
        once per spell of duplicates as a notification (the window's toast without a tray)."""
        self._duplicates.append(Path(event.path).name)
        if time.monotonic() - self._last_duplicate_note > 10.0:
            self._last_duplicate_note = time.monotonic()
            self.notifier.message("Duplicate not processed again",
                                  f"{Path(event.path).name}: {event.message}", "info")

    def watch_window(self, window: QWidget) -> None:
        """Mark failures seen whenever `window` becomes the active window."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.mark_seen()
        return False

    @property
    def working(self) -> bool:
        # queued files count only while the watcher is on to process them
        return self._busy or bool(self._active) or (self._queued > 0 and self.service.watcher is not None)

    def _update_state(self) -> None:
        attention = self._failed_unseen > 0 or self._approvals > 0
        state = ATTENTION if attention else WORKING if self.working else IDLE
        if self.icon is not None:
            self.icon.setToolTip(f"Runnel — {self.status_text()}")
        self._show_status_lines()
        if state != self.state:
            self.state = state
            if self.icon is not None:
                self.icon.setIcon(state_icon(state))
            self.stateChanged.emit(state)

    def status_lines(self) -> list[str]:
        """What the tray has to say, one sentence a line (the menu's first items)."""
        lines: list[str] = []
        if self._failed_unseen:
            n = self._failed_unseen
            lines.append(f"{n} failed run{'s' if n != 1 else ''} since you last looked")
        if self._approvals:
            n = self._approvals
            lines.append(f"{n} approval{'s' if n != 1 else ''} waiting")
        if self._active:
            name, input_name = list(self._active.values())[-1]
            lines.append(f"Running {name}" + (f" on {_elide(input_name)}" if input_name else ""))
        elif self._busy:
            lines.append("Running")
        if self._queued:
            paused = " (watching is off)" if self.service.watcher is None else ""
            lines.append(f"{self._queued} file{'s' if self._queued != 1 else ''} in the queue{paused}")
        if self._duplicates:
            n, last = len(self._duplicates), _elide(self._duplicates[-1])
            lines.append(f"Duplicate set aside: {last}" if n == 1
                         else f"{n} duplicates set aside, the last {last}")
        if not lines:
            lines.append("Idle, watching folders" if self.service.watcher is not None
                         else "Idle, watching is off")
        return lines

    def status_text(self) -> str:
        return "; ".join(self.status_lines())

    def _run_started(self, event: RunStarted) -> None:
        self._active[event.run_id] = (event.workflow_name,
                                      Path(event.input_path).name if event.input_path else None)
        self._update_state()

    def _run_finished(self, event: RunFinished) -> None:
        self._active.pop(event.run_id, None)
        if event.status == Status.FAILED and self.service.owner_of(event.run_id) != "editor":
            self._failed_unseen += 1     # the editor's own failures show in the window
        if event.status == Status.WAITING:
            self._approvals = self.pending_approvals()
        self._update_state()

    def _busy_changed(self, busy: bool) -> None:
        self._busy = busy
        for action in self.run_actions:
            action.setEnabled(not busy)
        if self._busy_note is not None:
            self._busy_note.setVisible(busy)
        self._update_state()

    # ------------------------------------------------------------ the menu

    def _submenu(self, parent: QMenu, title: str) -> QMenu:
        sub = parent.addMenu(title)
        self._submenus.append(sub)
        return sub

    def rebuild_menu(self) -> None:
        self.refresh()
        for sub in self._submenus:       # submenus belong to the menu, not to its actions
            sub.deleteLater()
        self._submenus.clear()
        self.run_actions.clear()
        self.actions.clear()
        menu = self.menu
        menu.clear()
        busy = self._busy

        self._status_actions = []
        for _ in range(5):       # at most five lines; filled (and shown) by _show_status_lines
            line = menu.addAction("")
            line.setEnabled(False)
            self._status_actions.append(line)
        self._show_status_lines()
        menu.addSeparator()

        quick = self._submenu(menu, "Quick actions")
        self.quick_menu = quick
        self._busy_note = quick.addAction("A run is going: quick actions can start when it has finished")
        self._busy_note.setEnabled(False)
        self._busy_note.setVisible(busy)
        items = quick_action_workflows()
        if not items:
            none = quick.addAction("No workflow offers a quick action yet")
            none.setEnabled(False)
            hint = quick.addAction("Add a “quick action” trigger to a workflow to list it here")
            hint.setEnabled(False)
        for i, item in enumerate(items):
            if item.example and i > 0 and not items[i - 1].example:
                quick.addSeparator()        # the user's own first, then the examples
            sub = self._submenu(quick, f"{item.name} (example)" if item.example else item.name)
            sub.setToolTipsVisible(True)
            sub.menuAction().setToolTip(item.description)
            clip = sub.addAction("Run on clipboard text")
            clip.triggered.connect(lambda _checked=False, p=item.path: self.run_clipboard(p))
            files = sub.addAction("Run on files…")
            files.triggered.connect(lambda _checked=False, p=item.path: self.run_files(p))
            for action in (clip, files):
                action.setEnabled(not busy)
                self.run_actions.append(action)

        recent = self._submenu(menu, "Recent runs")
        self.recent_menu = recent
        rows = self.service.store.recent_runs(RECENT)
        if not rows:
            recent.addAction("No runs yet").setEnabled(False)
        for row in rows:
            mark = STATUS_MARKS.get(row["status"], "·")
            name = _elide(Path(row["input_path"]).name) if row["input_path"] else "no input"
            action = recent.addAction(f"{mark}  {name} — {row['workflow_name']}")
            action.setToolTip(f"{row['status']}: {row['input_path'] or 'no input'}")
            action.triggered.connect(lambda _checked=False, rid=row["id"]: self.open_window("history", rid))

        approvals = menu.addAction(f"Pending approvals ({self._approvals})")
        approvals.setEnabled(self._approvals > 0)
        approvals.triggered.connect(lambda: self.open_window("approvals"))
        self.actions["approvals"] = approvals
        menu.addSeparator()
        watch = menu.addAction("")
        watch.triggered.connect(self.toggle_watching)
        self.actions["watch"] = watch
        self._update_watch_action()
        menu.addSeparator()
        self.actions["open"] = menu.addAction("Open Runnel")
        self.actions["open"].triggered.connect(lambda: self.open_window())
        self.actions["quit"] = menu.addAction("Quit")
        self.actions["quit"].triggered.connect(lambda: self._quit())

    def _show_status_lines(self) -> None:
        # updated in place, so an open menu follows a run starting or ending
        lines = self.status_lines()
        for i, action in enumerate(self._status_actions):
            action.setText(lines[i] if i < len(lines) else "")
            action.setVisible(i < len(lines))

    def _update_watch_action(self) -> None:
        watch = self.actions.get("watch")
        if watch is not None:
            watch.setText("Pause all watching" if self.service.watcher is not None else "Resume watching")
        self._update_state()

    # ------------------------------------------------------------ doing

    def open_window(self, view: str = "", run_id: str | None = None) -> None:
        self.mark_seen()
        self._show_window(view, run_id)

    def toggle_watching(self) -> None:
        on = self.service.watcher is None
        try:
            self.service.set_watching(on)
        except Exception as e:       # a broken trigger: say so, the state stays as it was
            self.notifier.message("Cannot watch folders", str(e), "error")
        self._update_watch_action()

    def _workflow(self, path: Path) -> Workflow | None:
        try:
            return load_workflow(path)           # as saved now, not as when the menu opened
        except WorkflowFileError as e:
            self.notifier.message("Cannot run this workflow", str(e), "error")
            return None

    def _can_start(self) -> bool:
        if self.service.busy:
            self.notifier.message("A run is going",
                                  "Wait for it to finish, then choose the quick action again.", "warning")
            return False
        return True

    def run_clipboard(self, path: Path) -> bool:
        """Run the workflow on the clipboard's text, written to a .txt file first."""
        if not self._can_start():
            return False
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.notifier.message("The clipboard has no text",
                                  "Copy some text, then choose the quick action again.", "warning")
            return False
        wf = self._workflow(path)
        if wf is None:
            return False
        try:
            source = clipboard_file(text)
        except OSError as e:
            self.notifier.message("Cannot save the clipboard text",
                                  f"{quick_folder()}: {e.strerror or e}", "error")
            return False
        return self.service.run(wf, [source], owner="tray")

    def run_files(self, path: Path, files: list[Path] | None = None) -> bool:
        """Run the workflow on files the user picks (or `files`); folders are refused."""
        if not self._can_start():
            return False
        wf = self._workflow(path)
        if wf is None:
            return False
        if files is None:
            chosen, _ = QFileDialog.getOpenFileNames(None, f"Run “{wf.name}” on which files?",
                                                     str(self._last_dir))
            if not chosen:
                return False
            files = [Path(p) for p in chosen]
        folders = [p for p in files if p.is_dir()]
        if folders:
            self.notifier.message("Choose files, not a folder",
                                  f"“{folders[0].name}” is a folder. Choose files: each file is run "
                                  "through the workflow.", "warning")
            return False
        missing = [p for p in files if not p.is_file()]
        if missing:
            self.notifier.message("File not found", f"{missing[0]} does not exist. Choose the file again.",
                                  "warning")
            return False
        self._last_dir = files[0].parent
        if not self._can_start():       # the dialog was open a while: a run may have started
            return False
        return self.service.run(wf, files, owner="tray")

    def _icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # on macOS a click opens the menu (and also says Trigger): only a double click opens
        clicks = (QSystemTrayIcon.ActivationReason.DoubleClick,) if sys.platform == "darwin" else (
            QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick)
        if reason in clicks:
            self.open_window()

    def close(self) -> None:
        """Take the icon away (no ghost icon left in the tray after quitting)."""
        try:
            self.service.bridge.jobChanged.disconnect(self._job_changed)
        except (RuntimeError, TypeError):
            pass                    # closed before
        if self.icon is not None:
            self.icon.hide()
        self.notifier.set_tray(None)
        self.menu.deleteLater()


"""What happens to an input after its job, when a crash interrupted the move."""

import os

from desktop.engine.triggers import Trigger
from desktop.watch.actions import after_job


def test_a_move_cut_between_link_and_unlink_is_finished_not_made_twice(tmp_path):
    """A crash after linking Processed/a.txt but before unlinking the inbox's a.txt
    leaves one file under two names: finishing the job moves nothing to 'a (2).txt'."""
    inbox = tmp_path / "inbox"
    (inbox / "Processed").mkdir(parents=True)
    (inbox / "a.txt").write_text("words")
    os.link(inbox / "a.txt", inbox / "Processed" / "a.txt")
    moved = after_job(Trigger(kind="folder", after_success="move"), inbox, inbox / "a.txt", True)
    assert moved == inbox / "Processed" / "a.txt"
    assert sorted(p.name for p in inbox.iterdir()) == ["Processed"]
    assert [p.name for p in (inbox / "Processed").iterdir()] == ["a.txt"]


def test_another_file_of_the_same_name_is_not_taken_for_it(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "Processed").mkdir(parents=True)
    (inbox / "a.txt").write_text("new words")
    (inbox / "Processed" / "a.txt").write_text("an older a.txt")
    moved = after_job(Trigger(kind="folder", after_success="move"), inbox, inbox / "a.txt", True)
    assert moved.name == "a (2).txt" and moved.read_text() == "new words"
    assert (inbox / "Processed" / "a.txt").read_text() == "an older a.txt"

"""The pure parts of reaching people without email: notes, when a call task is open, short codes for a
printed link, replacing a private link, which numbers get an SMS, and the letter's words."""
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from matching.domain import call_task, events as ev, short_link
from matching.domain.base import token_hash
from matching.domain.errors import Conflict, Invalid
from matching.domain.note import Note, NoteKind
from matching.domain.people import Request
from matching.services import letters
from matching.services.texting import mobile_number
from tests.unit.domain.test_people import FIELDS

pytestmark = pytest.mark.unit
T0 = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)


def test_a_note_records_its_event_and_refuses_what_it_must():
    note = Note.write("org", "request", "r1", "call", "", "u1", T0)
    assert note.kind is NoteKind.CALL and note.text == "" and note.created_at == T0
    (event,) = note.pop_events()
    assert isinstance(event, ev.NoteWritten) and event.payload()["person_id"] == "r1"
    assert "text" not in event.payload()  # events carry ids, never what was written
    for kind, person_type, text, field in (("gossip", "request", "x", "kind"), ("note", "placement", "x", "person_type"),
                                           ("note", "request", " ", "text"), ("intake", "request", "x" * 2001, "text")):
        with pytest.raises(Invalid) as refused:
            Note.write("org", person_type, "r1", kind, text, None)
        assert refused.value.field == field


def test_a_call_task_is_open_until_a_call_note_after_it():
    assert call_task.is_open(T0, [])
    assert call_task.is_open(T0, [T0 - timedelta(seconds=1), T0])
    assert not call_task.is_open(T0, [T0 + timedelta(microseconds=1)])


@pytest.mark.parametrize("recipient, address, status, has_email, erased, expected", [
    ("request", None, "stored", False, False, True),
    ("request", None, "queued", False, False, True),
    ("request", None, "sent", False, False, False),  # went by SMS
    ("request", "a@example.org", "stored", True, False, False),  # passed on by mail or the coordinator
    ("request", None, "stored", True, False, False),  # blanked after the other side was erased
    ("request", None, "stored", False, True, False),
    ("placement", None, "stored", False, False, False),
])
def test_which_messages_need_a_call(recipient, address, status, has_email, erased, expected):
    assert call_task.needs_call(recipient, address, status, has_email, erased) is expected


@given(st.text(alphabet=short_link.ALPHABET, min_size=12, max_size=12))
def test_a_short_code_reads_back_however_it_is_typed(code):
    printed = short_link.shown(code)
    assert len(printed) == 14 and printed.count("-") == 2
    assert short_link.normalized(printed) == code
    assert short_link.normalized(f" {printed.lower()} ".replace("0", "o").replace("1", "l")) == code


def test_short_codes_are_random_and_only_their_keyed_hash_is_kept():
    codes = {short_link.new_code() for _ in range(200)}
    assert len(codes) == 200 and all(short_link.normalized(code) == code for code in codes)
    code = codes.pop()
    assert short_link.code_hash("key one", code) != short_link.code_hash("key two", code)
    assert code not in short_link.code_hash("key one", code)
    for typed in ("", "ABC", "K7QH-9M2X-TR4", "K7QH-9M2X-TR4PX", "K7QH-9M2X-TR4U", "ÄÄÄÄÄÄÄÄÄÄÄÄ"):
        assert short_link.normalized(typed) is None


def test_replacing_a_private_link_kills_the_old_one_and_says_so():
    request = Request.submit("org", dict(FIELDS), "v1")
    old = request.manage_token
    request.pop_events()
    scored_mark = request.updated_at
    new = request.replace_link("letter")
    assert new != old and request.manage_token_hash == token_hash(new) != token_hash(old)
    assert request.updated_at == scored_mark  # not a change matching reads: no rescoring
    (event,) = request.pop_events()
    assert isinstance(event, ev.PrivateLinkReplaced) and event.via == "letter"
    request.withdraw()
    with pytest.raises(Conflict):
        request.replace_link("api")


@pytest.mark.parametrize("phone, expected", [
    ("06 1234 5678", "+31612345678"), ("06-12345678", "+31612345678"), ("+31 6 1234 5678", "+31612345678"),
    ("0031612345678", "+31612345678"), ("030 123 45 67", None), ("0612345", None), (None, None), ("", None),
    ("+32 470 12 34 56", None),
])
def test_only_a_dutch_mobile_number_gets_texts(phone, expected):
    assert mobile_number(phone) == expected


@pytest.mark.parametrize("person_type, status, expected", [
    ("request", "waiting", "We bellen je voor een kennismaking."), ("request", "matched", "Je bent gekoppeld."),
    ("volunteer", "applied", "kennismakingsgesprek"), ("volunteer", "paused", "pauze"),
    ("volunteer", "stopped", "Bel ons gerust"),
])
def test_the_letter_says_what_happens_next_for_where_someone_is(person_type, status, expected):
    facts = {"type": person_type, "first_name": "Jan", "status": status, "kind": "maatje",
             "organization": "Noord", "contact": {"phone": "030 1", "email": None, "address": None,
                                                   "opening_hours": None}}
    letter = letters.compose(facts, "http://x/l/AAAA-BBBB-CCCC", "http://x/mijn/t", date(2026, 1, 5))
    words = " ".join(" ".join(section.lines) for section in letter.before)
    assert expected in words and letter.greeting == "Beste Jan," and letter.date == "5 januari 2026"
    assert letter.after[-1].lines == ("Bel ons op 030 1.",)


def test_what_to_say_leaves_out_the_organisations_own_contact_lines():
    from matching.domain.organization import contact_footer

    footer = contact_footer("Noord", {"phone": "030 1", "email": None, "address": None, "opening_hours": None})
    assert footer.startswith(call_task.FOOTER_START)  # fails when the footer's wording changes
    assert call_task.to_say("Beste Jan,\n\nGroet" + footer) == "Beste Jan,\n\nGroet"
    assert call_task.to_say("Zonder voet") == "Zonder voet"

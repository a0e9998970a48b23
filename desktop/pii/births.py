"""Which of a text's dates are dates of birth. A date is one when something says so:
a label before it ("DOB:", "geboren am", "née le", "nacido el", "nato a Bari il"),
within the same clause or as the answer on the next line of a chat or form; a verb
after it ("am 12.03.1911 in Stettin geboren"); a genealogist's sign ("* 3.4.1902",
"° 3 mars 1812", "b. 4 Aug 1862"); a column headed "Date of birth"; or a life's span
in a death notice or a family tree ("(Salerno, 14 ottobre 1936 - Roma, 2 febbraio
2024)"). Other dates -- admission, invoice, due, wedding, death, party dates -- are
not, however close to a label. No Qt."""

from __future__ import annotations

import bisect
import itertools
import re

from desktop.pii.dates import Date, find_dates, loose_date

# ------------------------------------------------------------------ the labels
# a label that names the date: nothing but a few words may stand between it and
# the date ("Date of birth checked against passport: 18 Aug 1996")
_NOUNS = (r"(?:date|data|fecha|datum)\s*(?:and|et|y|e|en|und|&|/)\s*(?:place|lieu|lugar|luogo|local|plaats"
          r"|ort)\s+(?:of|de|di|van|der)\s+(?:birth|naissance|nacimiento|nascita|nascimento|geboorte|geburt)"
          r"|dates? of birth|birth[ -]?dates?|d\.? ?o\.? ?b\.?|date born"
          r"|geburtsdat(?:um|en|\.)|geb(?:urts)?\.?[ -]?dat(?:um|\.)?|geboortedat(?:um|a)"
          r"|dates? de naiss(?:ance|\.)?|date naiss\.?|ddn"
          r"|fechas? de nacimiento|fecha (?:de )?nac\.?|f\. ?(?:de )?nac(?:imiento|\.)?"
          r"|dat[ae] di nascita|data de nasc(?:imento|\.)?"
          r"|f[öø]delsedatum|f[øö]dselsdato|data urodzenia|datum narozen[íi]|syntym[äa]aika"
          r"|do[ğg]um tarihi|sz[üu]let[ée]si (?:d[áa]tum|id[őo])|data na[șs]terii"
          r"|ημερομηνία γέννησης|ημ\. ?γέννησης")
# a word for the birth itself: "the birth of our son on ...", "la naissance de Léa le ..."
_EVENTS = r"birth|geburt|naissance|nacimiento|nascita|nascimento|geboorte"
# a verb or participle: "born in Leeds on", "nacida en Toledo el", "nata a Monza il"
_VERBS = (r"born|né\(e\)|née|né|geboren|geb\.|nacid[oa]s?|naci[óo]|nacieron|nac[íi]"
          r"|nacque(?:ro)?|nascid[oa]s?|nasceu|nasci|naquit|f[öø]dd[a]?|f[øö]dt"
          r"|urodzon[yae]|urodzi[łl][ao]? si[ęe]|ur\.|narozen[aáý]?|nar\.|syntynyt|n[ăa]scut[ăa]?"
          r"|γεννήθηκε|vu le jour|vino al mundo|venut[oa] alla luce|came into the world"
          # "nato", not NATO; "Nato a Torino il" at a sentence's start
          r"|(?-i:nat[oai]|Nat[oai](?=\s+(?:a|il|in|nel|ad)\b|\s*:))")
# the day itself, which is also every year's party: only right before the date
# ("Birthday: 22nd September 2015", "mum's bday is 4/5/58")
_WEAK = (r"birthday|b-?day|geburtstag|anniversaire|cumplea[ñn]os|verjaardag|compleanno"
         r"|anivers[áa]rio|f[öø]delsedag|f[øö]dselsdag|urodziny")
LABEL = re.compile(rf"(?i)(?<![\w-])(?:(?P<noun>{_NOUNS})|(?P<weak>{_WEAK})|(?P<verb>{_VERBS})"
                   rf"|(?P<event>{_EVENTS}))(?:(?<=\.)|(?![\w-]))")
# a genealogist's signs, right before the date or its place: "* Groningen, 21 januari
# 1938", "(° 17/06/1815)", "b. 3 Feb 1841", "(n. 08/02/1851)"
SIGN = re.compile(r"(?:(?<![\w*])\*|(?<![\w°])°|(?<![\w.])[bn]\.)[ \t]*")
_NUMBER_N = re.compile(r"(?i)\b(?:fattura|factura|pratica|prot|protocollo|contratto|contrato|art|pag"
                       r"|ordine|pedido|nr)\.?\s*$")
# "* 3. April 1938" starting a line is a bullet unless a death follows on the line
# ("† 22. Februar 2024"); after a name it is a birth ("Frau Ingrid Sommer, * 02.01.1941")
_DEATH_SIGN = re.compile(r"[†✝]|\+ ?\d|\b(?:gest|ovl|d|overl)\.\s*\d")
# a plural label may head a list: "Geburtsdaten: 03.03.2015, 05.05.2017"
_PLURAL = re.compile(r"(?i)\b(?:dates|geburtsdaten|fechas|geboortedata|date di nascita)\b")

# what a birth-noun is when it is not the date: "place of birth", "acte de naissance"
_NOT_THE_DATE = re.compile(
    r"(?i)\b(?:place|country|city|town|name|surname|weight|certificate|lieu|pays|ville|nom|poids"
    r"|acte|certificat|extrait|copie|lugar|pa[ií]s|ciudad|nombre|apellidos?|peso|acta|certificado"
    r"|partida|luogo|paese|citt[àa]|cognome|certificato|atto|local|nome|certid[ãa]o"
    r"|plaats|land|naam|akte|uittreksel|ort|urkunde|registered|registration|recorded)"
    r"\s+(?:of\s+|de\s+|d'|di\s+|da\s+|del\s+|van\s+)?$")
# words that make the next date another event's: "born in 1985, joined on ...",
# "née BERNARD, survenu le ...", "Date of birth: unknown"
_OTHER = re.compile(
    r"(?i)\b(?:died|death|deceased|passed|married|marriage|wedding|bapti[sz]ed|christened|buried"
    r"|joined|hired|employed|started|admitted|admission|discharged|appointment|visit|seen|issued"
    r"|expir\w*|valid|since|until|moved|arrived|registered|recorded|signed|dated|due|paid"
    r"|effective|unknown|not known|not (?:given|stated|recorded|provided)|weigh\w*"
    r"|gestorben|starb|verstorben|tod|heirat\w*|geheiratet|verheiratet|getauft|taufe|seit"
    r"|eintritt|eingetreten|aufgenommen|aufnahme|entlassen\w*|termin|ausgestellt\w*|g[üu]ltig"
    r"|unbekannt|umgezogen|urkunde|d[ée]c[ée]d[ée]e?|d[ée]c[eè]s|mort[e]?|survenu|mari[ée]e?s?"
    r"|mariage|baptis[ée]e?|depuis|jusqu\w*|entr[ée]e|embauch\w*|admise?|sortie|rendez-vous"
    r"|d[ée]livr[ée]e?|valable|inconnue?|fait|sign[ée]e?|falleci\w*|muri[óo]|muerte|cas[óo]"
    r"|casad[oa]|boda|bautiz\w*|desde|hasta|ingreso|alta|cita|expedid[oa]|v[áa]lid[oa]"
    r"|desconocid[oa]|firmad[oa]|overleden|overl\.|ovl\.|gestorven|getrouwd|trouwde|huwelijk"
    r"|gedoopt|doop|sinds|in dienst|opname|ontslag|afspraak|afgegeven|geldig|onbekend"
    r"|mort[oa]|decedut[oa]|scompars[oa]|spos[aoò]\w*|matrimonio|battezzat[oa]|battesimo|dal"
    r"|fino|assunt[oa]|assunzione|ricover\w*|dimission\w*|visita|rilasciat[oa]|valid[oa]"
    r"|sconosciut[oa]|faleceu|falecid[oa]|casou|batizad[oa]|at[ée]|admiss[ãa]o|zmar[łl][ao]?"
    r"|d[öø]d|d[öø]de|gift|anst[äa]lld\w*|ansat|zatrudnion\w*"
    r"|not|nicht|kein\w*|non|niet|geen|nie|out of|registration|registrierung|enregistr\w*"
    r"|registratie|inscri\w*|anmeldung|aangifte|declara\w*|dichiarazione|verification|completed"
    r"|received|requested|updated|changed|amended|corrected"
    # a threshold, not a birthday: "members born before 1 January 1960"
    r"|before|after|between|vor|nach|zwischen|avant|apr[eè]s|entre|antes|despu[ée]s|prima|dopo"
    r"|tra|voor|tussen|depois|or later|or earlier|on or)\b")
# what a second sentence after a label may be: "Mine is", "De mijne is", "C'est le"
_POINTER = re.compile(r"(?i)\s*(?:[\w'’]+\s+){0,2}?(?:is|ist|es|est|è|c'est|era|was|war|is van)\s*"
                      r"(?:the|le|el|il|de|op|am|on)?\s*")
# a date given as an example of the format: "date of birth (e.g. 01/01/1990)"
_EXAMPLE = re.compile(r"(?i)\b(?:e\.\s?g\.|z\.\s?b\.|p\.\s?ex\.|p\.\s?ej\.|ej\.|es\.|bijv\.|bv\."
                      r"|example|beispiel|exemple|ejemplo|esempio|voorbeeld|format\w*|formaat)")
# a new clause after a verb label: "born in Leeds and raised ..., on ..."
_AND = re.compile(r"(?i)\b(?:and|und|et|y|e|ma|but|aber|mais|pero|maar|or|oder|ou|och|og"
                  # or a clause of its own: "née à Lyon, où elle a obtenu son diplôme le ..."
                  r"|where|wo|où|donde|dove|waar|onde|she|he|they|elle|elles|ils|sie|er|ella|él"
                  r"|ellos|ellas|lei|lui|loro|zij|hij|ela|ele)\b")
# a field left empty: "Date de naissance : ………… Fait à Bordeaux, le ..."
# (a leader of dots up to the date is no blank: "Date of birth ........ 12/03/1985")
_BLANK = re.compile(r"(?:_{2,}|\.{3,}|…|-{3,})[\s_.…-]*[^\s_.…-]")
# a time of day may stand between ("born at 3.42am on ..."), a remark in brackets too
_TIME = re.compile(r"(?i)\b\d{1,2}[:.h]\d{2}\s*(?:am|pm|uhr|uur|h|ore)?\b|\b\d{1,2}\s*(?:am|pm)\b")
_BRACKETS = re.compile(r"\([^()\n]{0,40}\)|\[[^\[\]\n]{0,20}\]")
# the words a short answer may start with: "oui c'est le ...", "sure, ...", "el ..."
_ANSWER = re.compile(r"(?i)^[\s,]*(?:(?:sure|yes|yeah|ja|oui|s[íi]|jawohl|c'est|es|it'?s|is"
                     r"|le|el|il|la|am|op|on|the|nasci em|né le|née le|nacido el|nata il"
                     r"|nato il|geboren am|geboren op)[\s,]+)*$")
_WEAK_GAP = re.compile(r"(?i)^[\s:,-]*(?:(?:is|ist|es|est|è|was|war|c'est|it'?s|mine'?s|mine is"
                       r"|le|el|il|the)[\s:,-]+)*$"
                       # a form's field: "Geburtstag laut Personalbogen: 1979-11-23"
                       r"|^[^\n\d:]{0,30}:[ \t]*$")
# the party, not the day: "Birthday party: 12.06.2024"
_PARTY = re.compile(r"(?i)\b(?:party|feier\w*|f[êe]te|fiesta|festa|feest\w*|celebrat\w*|dinner|cake"
                    r"|invit\w*|einladung|uitnodiging|invito|invitaci[óo]n|gift|geschenk|cadeau|regalo"
                    # another's day: a wedding's, a firm's ("anniversaire de mariage :")
                    r"|casamento|boda|bodas|hochzeit\w*|wedding|bruiloft|trouwdag|nozze|mariage|huwelijk"
                    r"|jubil\w*|firma|company|empresa|soci[ée]t[ée]|entreprise|bedrijf|azienda|dienst\w*)")
# a speaker's name before the answer in a chat ("[09:14] Kunde: ") -- not a field
# such as "Admitted:" or "Date of visit:"
_SPEAKER = re.compile(r"^(?:\[[\d:. ]+\]\s*)?(?P<who>[^\n:\d]{1,40}?)\s*:\s*")
_FIELD = re.compile(r"(?i)datum|\b(?:date|fecha|data|dato|day|jour|d[ií]a|giorno)\b")


def _gap_ok(gap: str, kind: str) -> bool:
    """Whether the text between a label and a date lets the date be the label's."""
    if len(gap) > 110 or _BLANK.search(gap):
        return False
    if kind == "weak":
        return _WEAK_GAP.match(gap) is not None and not _PARTY.search(gap) and not _OTHER.search(gap)
    lines = gap.split("\n")
    if len(lines) > 1:
        return _lines_ok(lines, kind)
    return _clause_ok(gap, kind)


def _clause_ok(gap: str, kind: str) -> bool:
    """One line of words between a label and its date: no digits, no second field,
    no other event, at most a short sentence after a full stop."""
    if _EXAMPLE.search(gap):
        return False
    text = _BRACKETS.sub(" ", _TIME.sub(" ", gap))
    if re.search(r"\d", text) or _OTHER.search(text):
        return False
    body = text.lstrip(" \t:-–—")
    if ":" in body.rstrip(" \t:"):
        return False            # "Date of birth: unknown. Appointment: 12.03.2026"
    if re.search(r"(?: {2,}|\t)[^\s:]", gap):
        return False            # another column: "DOB          Start 12/03/2024"
    # a second sentence only to point back: "... geboortedatum hebben. De mijne is ..."
    end = re.search(r"[.!?;](?=\s|$)(?<![A-Z][a-z]\.)(?<!\b[A-Za-z]\.)", body)
    if end and body[end.end():].strip() and not _POINTER.fullmatch(body[end.end():]):
        return False
    if kind in ("verb", "event") and not gap.lstrip().startswith(":") and _AND.search(text):
        return False
    return len(body) <= 70


def _lines_ok(lines: list[str], kind: str) -> bool:
    """A label ending one line and its date on a later one: a form's value under its
    label, a chat's answer ("...Geburtsdatum?\\n[09:14] Kunde: 3.2.84"), a birth
    notice's name on a line between ("la naissance de\\n\\nGabriel\\n\\nle 12 avril")."""
    first, middle, last = lines[0], lines[1:-1], lines[-1]
    if re.search(r"\d", first) or len(first) > 60 or _OTHER.search(first):
        return False
    words = [m for m in middle if m.strip()]
    if len(words) > 1 or any(len(m) > 40 or re.search(r"[\d:]", m) for m in words):
        return False
    speaker = _SPEAKER.match(last)
    if speaker:
        if _FIELD.search(speaker.group("who")) or _OTHER.search(speaker.group("who")):
            return False
        last = last[speaker.end():]
    elif re.search(r"\d", last):
        return False
    return _ANSWER.match(last) is not None or (not words and not last.strip())


def _by_label(text: str, dates: list[Date]) -> set[int]:
    """Dates right after a label; a plural label takes a list of them."""
    found: set[int] = set()
    labels = [m for m in LABEL.finditer(text)
              if not (m.group("event") and _NOT_THE_DATE.search(text[max(0, m.start() - 30):m.start()]))]
    signs = list(SIGN.finditer(text))
    label_ends, sign_ends = [m.end() for m in labels], [m.end() for m in signs]

    def last(matches: list[re.Match[str]], ends: list[int], lo: int, hi: int) -> re.Match[str] | None:
        """The last of the matches ending between lo and hi."""
        k = bisect.bisect_right(ends, hi) - 1
        return matches[k] if k >= 0 and ends[k] >= lo else None

    for i, d in enumerate(dates):
        before = dates[i - 1].end if i else 0
        label = last(labels, label_ends, before, d.start)
        if label is not None:
            kind = label.lastgroup or "noun"
            gap = text[label.end():d.start]
            if kind == "weak" and re.search(r"(?i)\d[ \t]*(?:\.|st|nd|rd|th|e|er|ste|º|°)?[ \t]*\Z",
                                            text[max(0, label.start() - 8):label.start()]):
                continue        # "zum 80. Geburtstag am 14. September": the party
            if _gap_ok(gap, kind):
                found.add(i)
                continue
        sign = last(signs, sign_ends, before, d.start)
        if sign is not None and _sign_ok(text, sign, d):
            found.add(i)
            continue
        if i - 1 in found and label is None and _PLURAL.search(text[max(0, before - 60):before]) \
                and re.fullmatch(r"\s*(?:[,;&]|and|und|et|y|e|en)\s*", text[before:d.start]):
            found.add(i)
    return found


def _sign_ok(text: str, sign: re.Match[str], d: Date) -> bool:
    gap = text[sign.end():d.start]
    if gap and not re.fullmatch(r"[A-ZÀ-Þ][\w'’.-]*(?:[ -][\w'’.-]+){0,3},\s*", gap):
        return False            # only a place may stand between: "* Leeuwarden, 4 juli 1931"
    mark = sign.group().strip()
    if mark == "*" and not text[text.rfind("\n", 0, sign.start()) + 1:sign.start()].strip():
        line_end = text.find("\n", d.end)
        rest = text[d.end:line_end if line_end >= 0 else len(text)][:120]
        return _DEATH_SIGN.search(rest) is not None
    if mark == "n.":            # "Fattura n. ...": a number, not a birth
        return _NUMBER_N.search(text[max(0, sign.start() - 15):sign.start()]) is None
    return True


# ------------------------------------------------------------------ other signs
# the verb after the date, in German and Dutch: "am 12.03.1911 in Stettin geboren",
# "kam am 2. Juni 2024 um 14:05 Uhr zur Welt", "is op 2 januari 1948 in Den Haag geboren"
_AFTER = re.compile(r"(?i)^[^\n]{0,50}?\b(?:geboren|zur\s+welt|das\s+licht\s+der\s+welt|ter\s+wereld"
                    r"|het\s+levenslicht)\b")
_AFTER_NL = re.compile(r"(?i)^[^\n]{0,40}\n[^\n]{0,30}?\b(?:geboren|zur\s+welt|ter\s+wereld)\b")
# a label right after the date: "12.03.1985 (date of birth)", "12/03/1985 - DOB"
_LABEL_AFTER = re.compile(rf"(?i)^\s*(?:\(\s*|[-–—,|]\s*)(?:{_NOUNS}|born|geb\.|née|né)\s*\)?"
                          r"(?=\s*(?:$|[\n,;|)]|\s[-–—]\s|\s{2}))")
# a kinsman and "was of" a date: "Il nonno era del 1° gennaio 1930", "Opa is van 2 nov.
# 1923", "mi madre es del 2 de enero de 1950"
_KIN = (r"opa|oma|nonn[oa]|abuel[oa]|av[óô]|grand-?(?:p[èe]re|m[èe]re|pa|ma|father|mother)|papy|mamie"
        r"|grandad|granny|nan|mother|father|mum|mom|dad|mutter|vater|mama|papa|moeder|vader"
        r"|madre|padre|m[èe]re|p[èe]re|tante|oncle|onkel|uncle|aunt|zi[oa]|t[ií][oa]|son|daughter"
        r"|sohn|tochter|figli[oa]|hij[oa]|fils|fille|zoon|dochter|broer|zus|bruder|schwester"
        r"|brother|sister|fratello|sorella|herman[oa]|fr[èe]re|s[œo]eur")
_KIN_OF = re.compile(rf"(?i)\b(?:{_KIN})\b[^\n.;:\d]{{0,25}}\b(?:is|was|era|è|es|ist|war|est|[ée]tait)"
                     r"\s+(?:van|del|de|vom|from|du|of)\s+(?:the\s+)?$")
# "Vater ist vom 12.03.2024 bis 20.03.2024 im Krankenhaus": a stay, not a birth
_RANGE = re.compile(r"(?i)\s*(?:[-–—]|bis|to|until|till|au|al|hasta|tot|fino al)\s*(?:\d|[a-z]+\s+\d)")
_DEATH_WORDS = re.compile(
    r"(?i)[†✝]|\b(?:died|passed away|in memoriam|in loving memory|obituary|funeral|deceased|rip"
    r"|in liefdevolle herinnering|in liebevoller erinnerung|en m[ée]moire|in memoria|rouw\w*"
    r"|verstorben|gestorben|entschlafen|abschied|trauer\w*|beerdigung|beisetzung|d[ée]c[èe]s"
    r"|d[ée]c[ée]d[ée]e?|nous a quitt[ée]e?s?|obs[èe]ques|fallec\w*|funeral\w*|esquela|q\.?e\.?p\.?d"
    r"|overl\w*|uitvaart|mancat[oa]|scompars[oa]|funeral[ei]|esequie|lutto|faleceu|funeral"
    r"|genealog\w*|family tree|stammbaum|ahnen\w*|stamboom|kwartierstaat|albero genealogico"
    r"|g[ée]n[ée]alogie|[áa]rbol geneal[óo]gico)\b")
_PLACE = r"(?:[A-ZÀ-Þ][\w'’.-]*(?:[ -][\w'’.-]+){0,2},\s*)"


def _life_span(text: str, dates: list[Date], i: int, mourning: bool) -> bool:
    """The first date of a life's span: "(Burgos, 23 de octubre de 1935 - Madrid, 1 de
    marzo de 2024)" or "(12 June 1933 - 4 January 2024)" in a notice of a death, years
    apart (a stay or a contract's term is weeks or months long, and says no death)."""
    if i + 1 >= len(dates):
        return False
    d, e = dates[i], dates[i + 1]
    between = text[d.end:e.start]
    # a dash between, or a column's gap with a place on both sides ("Rotterdam, 3 november
    # 1939     Schiedam, 12 maart 2024")
    m = re.fullmatch(rf"\s*[-–—]\s*({_PLACE})?|[ \t]{{3,}}({_PLACE})", between)
    if m is None or d.short_year or e.short_year or e.year - d.year < 10:
        return False
    placed = (m.group(1) or m.group(2)) is not None and \
        re.search(rf"{_PLACE}$", text[max(0, d.start - 40):d.start]) is not None
    if m.group(2) is not None:
        return placed and mourning
    return placed or mourning


def _separator(line: str) -> str | None:
    """How a table's line is cut into cells: |, a tab, ; or , -- or None for columns
    lined up with spaces."""
    for sep in ("|", "\t", ";"):
        if sep in line:
            return sep
    return "," if line.count(",") >= 2 and "  " not in line else None


def _columns(line: str, sep: str | None) -> list[tuple[int, int, str]]:
    """A line's cells, with where each starts and ends."""
    cells, pos = [], 0
    cut = rf"\s*{re.escape(sep)}\s*" if sep else r" {2,}"
    for m in re.finditer(cut, line + (sep or "  ")):
        if m.start() > pos:
            cells.append((pos, m.start(), line[pos:m.start()]))
        pos = m.end()
    return cells


def _in_column(text: str, d: Date, lines: list[str], starts: list[int]) -> bool:
    """A date under a column headed "Date of birth" (a table, a printed list), or
    over it (a form with its captions under the fields)."""
    row = bisect.bisect_right(starts, d.start) - 1
    col = d.start - starts[row]
    sep = _separator(lines[row])
    own = _columns(lines[row], sep)
    index = sum(1 for c in own if c[1] <= col)
    if index >= len(own) or own[index][2].strip(" .,") != text[d.start:d.end]:
        return False            # the date is not a cell of its own: "Date of visit: 12/03/2024"
    for step, limit in ((-1, 12), (1, 1)):
        for r in range(row + step, max(-1, row + step * (limit + 1)), step):
            if r >= len(lines) or not lines[r].strip():
                break
            cells = _columns(lines[r], sep)
            if sep:
                cell = cells[index] if sep in lines[r] and index < len(cells) else None
            else:
                cell = next((c for c in cells if c[0] <= col + 2 and col < c[1] + 2), None)
            if cell is None or re.fullmatch(r"[-=:|+ ]+", cell[2]):
                continue
            label = LABEL.fullmatch(cell[2].strip(" :"))
            if label and (label.group("noun") or label.group("verb")):
                return True
            if not find_dates(cell[2]):
                break           # another column's heading
    return False


def _after_ok(gap: str, before: str) -> bool:
    """The words between a date and "geboren" after it: one clause, no other event
    ("seit dem 01.01.2010 ... geboren" is not a birth on that day)."""
    text = _TIME.sub(" ", gap)
    return not (re.search(r"\d|[.!?;](?=\s)", text) or _OTHER.search(text)
                or _OTHER.search(before[-20:]))


_NOUN_LABEL = re.compile(rf"(?i)(?<![\w-])(?:{_NOUNS})[ \t:]*")


def birth_dates(text: str, dates: list[Date] | None = None) -> list[tuple[int, int]]:
    """The (start, end) of each date of birth in the text (dates: find_dates(text), if
    the caller has them already)."""
    dates = list(find_dates(text) if dates is None else dates)
    # yyyymmdd and the like count only right after a label ("DOB: 19620314")
    for m in _NOUN_LABEL.finditer(text):
        d = loose_date(text, m.end())
        if d is not None and not any(d.start < x.end and x.start < d.end for x in dates):
            dates.append(d)
    dates.sort(key=lambda d: d.start)
    found = _by_label(text, dates)
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    mourning = _DEATH_WORDS.search(text) is not None
    for i, d in enumerate(dates):
        if i in found:
            continue
        before = text[max(0, d.start - 60):d.start]
        after = text[d.end:d.end + 80]
        nxt = dates[i + 1].start - d.end if i + 1 < len(dates) else len(after)
        verb_after = _AFTER.match(after) or _AFTER_NL.match(after)
        if (verb_after and verb_after.end() <= nxt and _after_ok(verb_after.group(), before)
                or _LABEL_AFTER.match(after) or _KIN_OF.search(before) and not _RANGE.match(after)
                or _life_span(text, dates, i, mourning) or _in_column(text, d, lines, starts)):
            found.add(i)
    return [(dates[i].start, dates[i].end) for i in sorted(found)]

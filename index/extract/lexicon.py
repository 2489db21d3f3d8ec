"""The word lists behind entity extraction: generated gazetteer data and the language's closed
classes (titles, connectors, head nouns, cue words).

``data/places.tsv`` and ``data/given_names.txt`` are generated at development time by
``tools/make_data.py`` from GeoNames, ISO 3166 and a first-name dictionary (licences in
``index/data/README.md``). They are read once, on first use, at index time only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.sanitize import fold

DATA = Path(__file__).resolve().parent.parent / "data"

PERSON, PLACE, ORG = "PERSON", "PLACE", "ORG"


def words(text: str) -> frozenset[str]:
    """A word list written as running text."""
    return frozenset(text.split())


TYPES = (PERSON, PLACE, ORG)

# Titles and roles that precede a person's name, capitalized ("President Dina Boluarte") or not
# ("legislator Héctor Valer", "former dictator Alberto Fujimori"). Folded, without the period.
TITLES = words("""
    president vice-president vicepresident premier chancellor minister secretary mr mrs ms miss
    dr prof sir dame lord lady gen general col colonel lt lieutenant maj major capt captain sgt
    sergeant cpl corporal adm admiral cmdr commander brig brigadier sen senator rep
    representative gov governor mayor judge justice congressman congresswoman congressmember
    legislator lawmaker deputy ambassador consul king queen prince princess pope bishop archbishop
    cardinal father rev reverend sheikh ayatollah imam rabbi chairman chairwoman chair ceo
    spokesman spokeswoman spokesperson prosecutor attorney dictator activist journalist
    reporter author leader commissioner inspector superintendent detective officer councillor
    councilor alderman ombudsman economist analyst historian professor lawyer presidenta
    presidente señor señora don doña ministro ministra son daughter wife husband brother
    sister mother uncle aunt nephew niece cousin widow grandson granddaughter
    mp mep msp mla td speaker director boss manager coach editor treasurer
    secretary-general envoy commander-in-chief governor-general administrator
    """)
# Two-word titles whose first word alone is not a title.
TITLE_PAIRS = frozenset(
    {
        ("prime", "minister"),
        ("foreign", "minister"),
        ("first", "lady"),
        ("chief", "executive"),
        ("managing", "director"),
    }
)
# Lower-case roles right after a name say whose role it is: an organization's ("Chelsea boss Jose
# Mourinho", "Labour leader", "Microsoft chairman"), not a person's.
ROLE_NOUNS = words("""
    boss chief chairman chairwoman manager coach captain leader leaders spokesman spokeswoman
    spokesperson director executive president secretary striker midfielder defender goalkeeper
    keeper winger founder owner correspondent editor chairmanship mp mps mep meps
    """)
# Words that make a name a political party by themselves or as its head ("Labour", "the
# Conservatives", "Liberal Democrats", "Lib Dems", "the Tories", "Social Democrats").
PARTY_WORDS = words("""
    labour labor tory tories conservative conservatives liberals democrat democrats dem dems
    republicans socialists communists greens nationalists unionists whigs
    """)

# Words inside names: "University of Peru", "La Marcha de los 4 Suyos", "Bank of the West".
CONNECTORS = words(
    "of de del della la las los el y e da das do dos di du van von der den le al bin ibn"
)
ENGLISH_CONNECTORS = frozenset({"of", "the", "and", "for", "on"})
ANY_CONNECTORS = CONNECTORS | ENGLISH_CONNECTORS

# Head nouns that make a capitalized phrase an organization ("Popular Force", "CGTP Union").
ORG_HEADS = words("""
    university universidad college school institute institution academy council congress
    parliament senate assembly court tribunal ministry ministerio department agency office
    bureau commission committee board authority government administration party partido front
    frente movement movimiento alliance alianza coalition union unión sindicato federation
    federación confederation confederación association asociación society sociedad foundation
    fundación fund bank banco company compañía corporation corp inc ltd llc plc group grupo
    holdings enterprises industries airlines airways network news times post herald journal
    magazine gazette tribune chronicle weekly
    press television radio tv channel church army navy police policía guard guardia forces force
    fuerza fuerzas brigade battalion command service services organization organisation
    organización league liga club team watch network center centre hospital clinic embassy
    mission nations reuters amnesty coordinator coordinadora defensoría ombudsman prosecutor's
    cabinet directorate secretariat observatory chamber cámara consortium cooperative
    cooperativa exchange guild gremio opera orchestra philharmonic ballet program programme
    """)
# Nouns that, right before a name, say what kind of thing it is ("mining giant Glencore").
ORG_CUES = words("""
    company companies firm firms corporation corporations giant giants conglomerate group
    miner miners multinational multinationals union unions federation confederation party
    parties newspaper newspapers paper broadcaster broadcasters outlet outlets agency agencies
    organization organizations organisation organisations ngo ngos bank banks network
    channel station magazine daily weekly brand brands manufacturer lender insurer operator
    subsidiary movement coalition headquarters
    """)
PLACE_HEADS = words("""
    province provincia region región department departamento district distrito city ciudad
    county state republic kingdom island islands river río lake lago mountains mountain valley
    valle bay gulf coast desert plaza square street avenue avenida road bridge airport port
    highway park peninsula sea ocean strait canyon canal falls springs creek beach harbour harbor
    shelf glacier volcano boulevard blvd expressway trail
    """)
# Buildings and sites: places when they end a name ("Cleveland Museum", "Shah Mosque"), but no
# evidence in lower case after a name ("the Galois memorial", "a Trump hotel").
FACILITY_HEADS = words("""
    museum gallery hotel station stadium arena theatre theater cathedral mosque temple palace
    castle tower building memorial monument cemetery zoo hall
    """)
# Regions of the world named by a direction or a like word before a continent or an ocean:
# "Latin America", "Southeast Asia", "Sub-Saharan Africa", "the South Pacific", "Western
# Hemisphere"; and "the Middle East", "the Far East", "the Near East".
REGION_WORDS = words("""
    north south east west northern southern eastern western central middle far near latin
    southeast southeastern northeast northeastern northwest northwestern southwest southwestern
    sub-saharan equatorial
    """)
REGION_HEADS = words("""
    africa america americas asia europe oceania antarctica eurasia pacific atlantic arctic
    antarctic hemisphere
    """)
REGION_COMPASS = words("middle far near")
# Last words of the names of events, which are none of the three types: "Winter Carnival",
# "Edinburgh Festival", "the Olympics", "Brit Awards".
EVENT_HEADS = words("""
    festival festivals carnival carnivals olympics paralympics olympiad expo awards marathon
    """)
# Place heads that are common surnames too: after a given name they make no place ("Stuart Hall",
# "Barbara Castle", "Rosa Park"): the given name decides.
SURNAME_HEADS = words("hall park castle temple tower street bridge")
# Prepositions that, right before a name, say it is a place (weakly: "in Lima"). Not "to",
# "from", "at", "into": people and organizations take them as often ("wrote to Galois", "a
# letter from Luther", "at Google").
PLACE_CUES = words("in near across throughout around outside inside toward towards via")
PERSON_VERBS = words("""
    said says told tells declared declares stated states added adds argued argues wrote writes
    announced announces explained explains insisted insists claimed claims asked asks replied
    denied denies warned warns tweeted noted notes admitted admits
    """)
# Capitalized words that are never entities by themselves: calendar words and function words.
NON_NAMES = words("""
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    christmas easter i a an the this that these those there here he she it we they you his her
    its our their my your who what when where why how which while whilst if but and or nor so yet
    as at by for from in into of on onto to with without after before during since until about
    above below under over between among against through throughout despite although though
    because meanwhile however moreover furthermore nevertheless instead also then thus hence
    yes no not all any some many most more much few several each every both either neither
    one two three four five six seven eight nine ten first second third last next new former
    according mr mrs ms later earlier now still just only even soon again already often indeed
    perhaps finally recently currently eventually overall separately elsewhere afterwards
    similarly likewise otherwise therefore nonetheless
    was were is are am be been being has have had do does did will would can could shall should
    might must
    """)


# Common nouns and abbreviations that are never entities by themselves: units, formats, media,
# technologies, time zones, statistics, diseases, roles, eras, currency codes ("DVD", "GMT",
# "MP3", "GDP", "PC", "ID", "HIV", "CEO", "MPs", "BC", "DKK"). Folded.
NOT_ENTITIES = words("""
    km kg mph kph mm cm ml kw kwh mw gw mb gb kb tb ghz mhz mbps kbps bpm cc lb lbs oz
    dvd dvds cd cds cd-rom pc pcs mac macs mp3 mp4 jpeg jpg gif png pdf html xml http https www url
    urls usb lcd led hdtv hd tv tvs dab gps sms mms wi-fi wifi wlan lan wan vpn voip dsl adsl isp
    isps p2p 3g 4g 2g gsm cdma umts rfid dna rna ram rom cpu cpus gpu os api ai vr pda pdas ip
    vhs dvr pvr cctv atm atms pin pins sim id ids rpg fps mmo cgi fx 3d 2d hi-fi dj djs ok tba
    gmt bst utc est edt pst pdt cet cest jst
    gdp gnp cpi rpi ppi vat ipo ipos eps faq pr
    hiv aids sars mrsa bse cjd tb adhd ivf mri std stds
    ceo ceos cfo coo cto md mp mps mep meps msp msps qc gp gps vip vips ngo ngos pm
    figure figures fig figs table tables appendix equation
    iq gis ict covid covid-19 uv llm llms dlc rov iqr
    bc bce ad ce usd eur gbp jpy cny rmb chf sek nok dkk aud cad nzd hkd inr rub brl zar mxn
    """)
# Nationality, regional and religious adjectives and their plurals: not entities by themselves
# ("German", "the French", "Americans"). Folded.
DEMONYMS = words("""
    afghan afghans albanian albanians algerian algerians american americans andorran angolan
    angolans argentine argentinian argentinians armenian armenians australian australians
    austrian austrians azerbaijani azeri bahraini bangladeshi bangladeshis belarusian belgian
    belgians beninese bhutanese bolivian bolivians bosnian bosnians brazilian brazilians british
    briton britons brit brits bulgarian bulgarians burmese burundian cambodian cambodians
    cameroonian canadian canadians chadian chilean chileans chinese colombian colombians
    congolese croatian croatians cuban cubans cypriot cypriots czech czechs danish dane danes
    dominican dutch dutchman ecuadorian ecuadorians egyptian egyptians emirati english
    englishman englishmen eritrean estonian estonians ethiopian ethiopians fijian filipino
    filipinos finnish finn finns french frenchman frenchmen gabonese gambian georgian georgians
    german germans ghanaian ghanaians greek greeks guatemalan guatemalans guinean haitian
    haitians honduran hungarian hungarians icelandic icelander indian indians indonesian
    indonesians iranian iranians iraqi iraqis irish irishman israeli israelis italian italians
    ivorian jamaican jamaicans japanese jordanian jordanians kazakh kenyan kenyans korean koreans
    kosovan kosovar kuwaiti kyrgyz lao laotian latvian latvians lebanese liberian libyan libyans
    lithuanian lithuanians luxembourgish macedonian malagasy malawian malaysian malaysians
    maldivian malian maltese mauritanian mauritian mexican mexicans moldovan monegasque
    mongolian montenegrin moroccan moroccans mozambican namibian nepalese nepali dutchwoman
    nicaraguan nigerian nigerians nigerien norwegian norwegians omani pakistani pakistanis
    palestinian palestinians panamanian paraguayan peruvian peruvians polish pole poles
    portuguese qatari romanian romanians russian russians rwandan rwandans salvadoran samoan
    saudi saudis scottish scot scots scotsman senegalese serb serbs serbian serbians
    singaporean slovak slovaks slovakian slovenian slovenians somali somalis south-african
    spanish spaniard spaniards sudanese surinamese swazi swede swedes swedish swiss syrian
    syrians taiwanese tajik tanzanian tanzanians thai thais togolese tongan trinidadian tunisian
    tunisians turk turks turkish turkmen ugandan ugandans ukrainian ukrainians uruguayan
    uruguayans uzbek venezuelan venezuelans vietnamese welsh welshman yemeni yemenis zambian
    zambians zimbabwean zimbabweans
    african africans asian asians european europeans arab arabs arabic latin latino latinos
    latina hispanic hispanics caribbean scandinavian scandinavians nordic baltic balkan
    mediterranean middle-eastern western westerners eastern oriental anglo celtic gaelic
    kurdish kurd kurds basque basques catalan catalans flemish walloon bavarian tibetan
    tibetans chechen chechens uighur pashtun sunni sunnis shia shiite shiites muslim muslims
    moslem christian christians catholic catholics protestant protestants jewish jew jews
    hindu hindus sikh sikhs buddhist buddhists islamic islamist islamists orthodox evangelical
    evangelicals mormon mormons lutheran anglican anglicans methodist baptist
    deutsche deutscher deutschen francaise française espanola española italiana nederlandse
    """)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country, region, city or continent


@dataclass(frozen=True, slots=True)
class Lexicon:
    places: dict[str, Place]
    given_names: frozenset[str]
    # US given names the first-name dictionary lacks ("Keir", "Jameela"); some are words too
    # ("Harmony"), so they count only where the document does not write them in lower case.
    given_names_us: frozenset[str] = frozenset()


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def lexicon() -> Lexicon:
    """The gazetteer and the given names, folded, loaded once per process (read-only)."""
    places: dict[str, Place] = {}
    for line in _lines("places.tsv"):
        name, _, kind = line.partition("\t")
        kind, _, full = kind.partition(":")
        places.setdefault(fold(name), Place(full or name, kind))
    given = frozenset(fold(name) for name in _lines("given_names.txt"))
    given_us = frozenset(fold(name) for name in _lines("given_names_us.txt")) - given
    return Lexicon(places, given, given_us)
